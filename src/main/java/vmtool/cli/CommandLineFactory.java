package vmtool.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** Builds the command line with its writers and handlers, and runs it. */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /**
     * Runs vmtool with these arguments, writing to these streams, and returns the exit status.
     * Tests call this exactly as {@link vmtool.Main} does.
     */
    public static int run(String[] args, OutputStream out, OutputStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine commandLine = create(new Streams(out, errWriter));
        commandLine.setOut(outWriter);
        commandLine.setErr(errWriter);
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    static CommandLine create(Streams streams) {
        CommandLine commandLine = new CommandLine(new VmtoolCommand(), new CommandFactory(streams));
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
