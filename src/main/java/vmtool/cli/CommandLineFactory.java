package vmtool.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs vmtool: {@code pmap} and {@code touch} straight through {@link PmapCli} and {@link TouchCli}, which read
 * their arguments themselves, so that neither loads picocli (whose start-up costs several times a bare JVM's, and
 * whose classes would add to the resident memory touch shows); everything else, and their --help and --version,
 * through picocli ({@link PicocliRunner}).
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /**
     * Runs vmtool with these arguments, writing to these streams, and returns the exit status.
     * Tests call this exactly as {@link vmtool.Main} does.
     */
    public static int run(String[] args, OutputStream out, OutputStream err) {
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Streams streams = new Streams(new StandardOutput(out), errWriter);
        try {
            List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
            if (args.length > 0 && args[0].equals("pmap")) {
                return new PmapCli(streams, new PicocliHelp(streams)).run(rest, posixlyCorrect());
            }
            if (args.length > 0 && args[0].equals("touch")) {
                return new TouchCli(streams, new PicocliHelp(streams)).run(rest, posixlyCorrect());
            }
            return new PicocliRunner(streams).run(args);
        } finally {
            errWriter.flush();
        }
    }

    /** glibc's getopt stops at the first operand when POSIXLY_CORRECT is set; pmap's and touch's options do too. */
    private static boolean posixlyCorrect() {
        return System.getenv("POSIXLY_CORRECT") != null;
    }
}
