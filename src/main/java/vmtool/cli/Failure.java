package vmtool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;

import vmtool.ExitCode;
import vmtool.model.ByteText;
import vmtool.output.BrokenPipe;

/**
 * Turns what stopped a command into its one line on stderr and its exit status: for picocli's commands (through
 * {@link ErrorHandler}) and for pmap and touch, which parse their own arguments ({@link Getopt}).
 * A stack trace is printed only when asked for (VMTOOL_DEBUG set): a user error is never a crash.
 */
final class Failure {
    private Failure() {
    }

    /**
     * The statuses a command's failures end with ({@link ExitCode#TABLE}).
     *
     * @param failure       what the command could not do (read its input, have its memory); also out of memory
     * @param writeFailure  standard output could not be written
     * @param internalError an exception nobody expected: a bug
     */
    record Statuses(int failure, int writeFailure, int internalError) {
        /** The statuses of the command named {@code name} ({@code pmap}, {@code anatomy}, ...). */
        static Statuses of(String name, int failure) {
            return new Statuses(failure, ExitCode.writeFailure(name), ExitCode.internalError(name));
        }
    }

    /**
     * Reports that help or a version line could not be written to standard output (a PrintWriter keeps the error to
     * itself: without this, help sent to /dev/full would exit 0), for {@code name} ("vmtool" or a subcommand's);
     * returns the exit status: quiet 141 when the reader went away, else one line and the command's write-failure
     * status.
     */
    static int writeFailed(Context context, String name) {
        IOException failure = context.out() instanceof StandardOutput standard ? standard.failure() : null;
        if (failure != null && BrokenPipe.is(failure)) {
            return ExitCode.BROKEN_PIPE;
        }
        context.err().println((name.equals("vmtool") ? "vmtool" : "vmtool " + name) + ": cannot write the"
                + " output: " + (failure == null ? "standard output is full or closed" : failure.getMessage()));
        context.err().flush();
        return ExitCode.writeFailure(name);
    }

    /**
     * Reports {@code failure} of the command named {@code command} (e.g. "vmtool pmap") and returns the exit status
     * from {@code statuses}. With {@code debug} (VMTOOL_DEBUG is set), the stack trace follows the line.
     */
    static int report(String command, Throwable failure, PrintWriter err, Statuses statuses, boolean debug) {
        try {
            if (failure instanceof VmtoolException known) {
                // Messages quote what they were given: a saved file's line, a name, an argument; none may act on
                // the terminal (docs/anatomy.md, "Names that are not UTF-8 or hold control characters").
                String message = known.getMessage();
                if (known.isUsage()) {
                    err.println(usageLine(command, message));
                } else if (message != null && !message.isEmpty()) {
                    err.println(command + ": " + ByteText.shownUnicode(message));
                }
                debugTrace(failure, err, debug);
                return known.exitCode();
            }
            StandardOutput.WriteFailed writeFailed = find(failure, StandardOutput.WriteFailed.class);
            if (writeFailed != null && BrokenPipe.is(writeFailed)) {
                // The reader went away (vmtool pmap ... | head): stop quietly, as a C tool killed by SIGPIPE does.
                return ExitCode.BROKEN_PIPE;
            }
            if (writeFailed != null) {
                // As procps's close_stdout: "write error: REASON"; pmap's status is its failure status (1, not 42
                // or 0), every other command's 74.
                err.println(command + ": cannot write the output: " + ByteText.shownUnicode(
                        String.valueOf(writeFailed.getMessage())));
                debugTrace(failure, err, debug);
                return statuses.writeFailure();
            }
            InvalidPathException badName = find(failure, InvalidPathException.class);
            if (badName != null) {
                // Java holds file names as text in the locale's encoding: with no locale set, ASCII only.
                err.println(command + ": cannot use the file name '" + ByteText.shownUnicode(badName.getInput())
                        + "': it has characters that the locale's encoding ("
                        + System.getProperty("sun.jnu.encoding") + ") cannot hold;"
                        + " set a UTF-8 locale (e.g. LC_ALL=C.UTF-8) or rename the file");
                debugTrace(failure, err, debug);
                return statuses.failure();
            }
            err.println(command + ": internal error: " + ByteText.shownUnicode(failure.toString())
                    + " (please report it; set VMTOOL_DEBUG=1 for the stack trace)");
            debugTrace(failure, err, debug);
            return statuses.internalError();
        } finally {
            err.flush();
        }
    }

    /** A usage error's line: what was wrong, and where to read how to use the command. */
    static String usageLine(String command, String message) {
        String text = message == null || message.isEmpty() ? "invalid input"
                : ByteText.shownUnicode(Character.toLowerCase(message.charAt(0)) + message.substring(1));
        return command + ": " + text + " (see '" + command + " --help')";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void debugTrace(Throwable failure, PrintWriter err, boolean debug) {
        if (debug) {
            failure.printStackTrace(err);
        }
    }
}
