package vmtool.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;


/**
 * picocli's command line with vmtool's writers and handlers: runs the root command, help, the completion script,
 * and --help of the subcommands that read their own arguments ({@link PicocliHelp}).
 */
final class PicocliRunner {
    private final Context context;

    PicocliRunner(Context context) {
        this.context = context;
    }

    /** Runs {@code vmtool ARGS} through picocli; returns the exit status. */
    int run(String[] args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true);
        CommandLine commandLine = create(context.env("VMTOOL_DEBUG") != null);
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

    /** vmtool's picocli command line, with its handlers but without writers (tests read its model). */
    static CommandLine create() {
        return create(false);
    }

    /** The same, with stack traces after failures' lines when {@code debug}. */
    static CommandLine create(boolean debug) {
        CommandLine commandLine = new CommandLine(PicocliSpecs.root());
        ErrorHandler handler = new ErrorHandler(debug);
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        return commandLine;
    }
}
