package vmtool.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Runs vmtool: each subcommand through its own getopt reader ({@link Commands#cli}), so that none loads picocli
 * (whose start-up costs several times a bare JVM's, and whose classes would add to the resident memory touch
 * shows); the root command, help, the completion script, and every --help through picocli
 * ({@link PicocliRunner}); --version by {@link Version}. Every command gets its {@link Context} from here.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /**
     * Runs vmtool with these arguments on this machine, writing to these streams, and returns the exit status.
     * {@link vmtool.Main} calls this.
     */
    public static int run(String[] args, OutputStream out, OutputStream err) {
        return run(args, Context.system(out, errorWriter(err)));
    }

    /**
     * Runs vmtool with these arguments in this context (a fixture /proc, given input, environment, clock and
     * terminal), and returns the exit status. The context's error writer is flushed at the end.
     */
    public static int run(String[] args, Context context) {
        try {
            if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
                return Version.print(context, "vmtool"); // as picocli's root would, without building its tree
            }
            GetoptCli cli = args.length > 0 ? Commands.cli(args[0], context) : null;
            if (cli != null) {
                return cli.run(Arrays.asList(args).subList(1, args.length), posixlyCorrect(context));
            }
            return new PicocliRunner(context).run(args);
        } finally {
            context.err().flush();
        }
    }

    /** The error writer of a run: set up on its first line (most runs write none), flushed at every line. */
    public static PrintWriter errorWriter(OutputStream err) {
        return new PrintWriter(new LazyErrorWriter(err), true);
    }

    /** glibc's getopt stops at the first operand when POSIXLY_CORRECT is set; pmap's and touch's options do too. */
    private static boolean posixlyCorrect(Context context) {
        return context.env("POSIXLY_CORRECT") != null;
    }
}
