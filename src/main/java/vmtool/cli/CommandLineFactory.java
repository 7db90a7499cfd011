package vmtool.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Runs vmtool: each subcommand through its own getopt reader ({@link Commands#cli}), so that none loads picocli
 * (whose start-up costs several times a bare JVM's, and whose classes would add to the resident memory touch
 * shows); the root command, help, the completion script, and every --help and --version through picocli
 * ({@link PicocliRunner}).
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /**
     * Runs vmtool with these arguments, writing to these streams, and returns the exit status.
     * Tests call this exactly as {@link vmtool.Main} does.
     */
    public static int run(String[] args, OutputStream out, OutputStream err) {
        PrintWriter errWriter = new PrintWriter(new LazyErrorWriter(err), true);
        Streams streams = new Streams(new StandardOutput(out), errWriter);
        try {
            GetoptCli cli = args.length > 0 ? Commands.cli(args[0], streams) : null;
            if (cli != null) {
                return cli.run(Arrays.asList(args).subList(1, args.length), posixlyCorrect());
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
