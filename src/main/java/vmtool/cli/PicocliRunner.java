package vmtool.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

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
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
        }
    }

    /** vmtool's picocli command line, with its handlers but without writers (tests read its model). */
    static CommandLine create() {
        CommandLine commandLine = new CommandLine(PicocliSpecs.root());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
