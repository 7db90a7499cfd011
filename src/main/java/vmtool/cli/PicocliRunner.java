package vmtool.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

import vmtool.terminal.Screen;

/**
 * picocli's command line with vmtool's writers and handlers: runs the root command, help, the completion script,
 * and --help of the subcommands that read their own arguments ({@link PicocliHelp}).
 */
final class PicocliRunner {
    /** picocli refuses a usage width below this. */
    private static final int MIN_HELP_WIDTH = 55;
    private final Context context;

    PicocliRunner(Context context) {
        this.context = context;
    }

    /** Runs {@code vmtool ARGS} through picocli; returns the exit status. */
    int run(String[] args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true);
        CommandLine commandLine = create(context.env("VMTOOL_DEBUG") != null);
        commandLine.setUsageHelpWidth(helpWidth(context));
        commandLine.setOut(outWriter);
        commandLine.setErr(context.err());
        int status;
        try {
            status = commandLine.execute(args);
        } finally {
            outWriter.flush();
        }
        // A PrintWriter keeps write errors to itself: help or a completion script sent to /dev/full would exit 0.
        if (outWriter.checkError()) {
            // pmap's --help comes here: its status is its own (procps's 1).
            String name = "vmtool";
            for (CommandDef def : Commands.all()) {
                name = args.length > 0 && args[0].equals(def.name()) ? def.name() : name;
            }
            return Failure.writeFailed(context, name);
        }
        return status;
    }

    /**
     * The width help is fitted to: the terminal's (as every human output's), else 80; at least picocli's least. Not
     * picocli's autoWidth, which runs {@code stty} found on PATH: vmtool, run as root, executes nothing from PATH.
     */
    static int helpWidth(Context context) {
        Screen screen = context.terminal().screen();
        return Math.max(MIN_HELP_WIDTH, screen == null ? Screen.DEFAULT_COLUMNS : screen.columns());
    }

    /** vmtool's picocli command line, with its handlers but without writers (tests read its model). */
    static CommandLine create() {
        return create(false);
    }

    /** The same, with stack traces after failures' lines when {@code debug}. */
    static CommandLine create(boolean debug) {
        CommandLine commandLine = new CommandLine(PicocliSpecs.root());
        commandLine.setHelpFactory(new SpaceWrappedHelp.Factory());
        ErrorHandler handler = new ErrorHandler(debug);
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        return commandLine;
    }
}
