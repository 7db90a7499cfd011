package vmtool.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

import vmtool.ExitCode;

/**
 * picocli's command line with vmtool's writers and handlers: runs the root command, help, the completion script,
 * and --help and --version of the subcommands that read their own arguments ({@link PicocliHelp}).
 */
final class PicocliRunner {
    private final Streams streams;

    PicocliRunner(Streams streams) {
        this.streams = streams;
    }

    /** Runs {@code vmtool ARGS} through picocli; returns the exit status. */
    int run(String[] args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true);
        CommandLine commandLine = create();
        commandLine.setOut(outWriter);
        commandLine.setErr(streams.err());
        int status;
        try {
            status = commandLine.execute(args);
        } finally {
            outWriter.flush();
        }
        // A PrintWriter keeps write errors to itself: help or a completion script sent to /dev/full would exit 0.
        if (outWriter.checkError()) {
            boolean pmap = args.length > 0 && args[0].equals("pmap");
            streams.err().println((pmap ? "vmtool pmap" : "vmtool") + ": cannot write the output (standard output"
                    + " is full or closed)");
            streams.err().flush();
            return pmap ? ExitCode.PMAP_FAILURE : ExitCode.OUTPUT_ERROR;
        }
        return status;
    }

    /** vmtool's picocli command line, with its handlers but without writers (tests read its model). */
    static CommandLine create() {
        CommandLine commandLine = new CommandLine(PicocliSpecs.root());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
