package vmtool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;

import vmtool.ExitCode;
import vmtool.model.ByteText;

/**
 * Turns what stopped a command into its one line on stderr and its exit status: for picocli's commands (through
 * {@link ErrorHandler}) and for pmap and touch, which parse their own arguments ({@link Getopt}).
 * A stack trace is printed only when asked for (VMTOOL_DEBUG set): a user error is never a crash.
 */
final class Failure {
    private Failure() {
    }

    /**
     * Reports {@code failure} of the command named {@code command} (e.g. "vmtool pmap") and returns the exit status;
     * a failed write to standard output and an unexpected exception (an internal error) return
     * {@code internalErrorStatus}, the command's failure status. With {@code debug} (VMTOOL_DEBUG is set), the
     * stack trace follows the line.
     */
    static int report(String command, Throwable failure, PrintWriter err, int internalErrorStatus, boolean debug) {
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
            if (isBrokenPipe(failure)) {
                // The reader went away (vmtool pmap ... | head): stop quietly, as a C tool killed by SIGPIPE does.
                return ExitCode.BROKEN_PIPE;
            }
            StandardOutput.WriteFailed writeFailed = find(failure, StandardOutput.WriteFailed.class);
            if (writeFailed != null) {
                // As procps's close_stdout: "write error: REASON" and the failure status (pmap: 1, not 42 or 0).
                err.println(command + ": cannot write the output: " + ByteText.shownUnicode(
                        String.valueOf(writeFailed.getMessage())));
                debugTrace(failure, err, debug);
                return internalErrorStatus;
            }
            InvalidPathException badName = find(failure, InvalidPathException.class);
            if (badName != null) {
                // Java holds file names as text in the locale's encoding: with no locale set, ASCII only.
                err.println(command + ": cannot use the file name '" + ByteText.shownUnicode(badName.getInput())
                        + "': it has characters that the locale's encoding ("
                        + System.getProperty("sun.jnu.encoding") + ") cannot hold;"
                        + " set a UTF-8 locale (e.g. LC_ALL=C.UTF-8) or rename the file");
                debugTrace(failure, err, debug);
                return internalErrorStatus;
            }
            err.println(command + ": internal error: " + ByteText.shownUnicode(failure.toString())
                    + " (please report it; set VMTOOL_DEBUG=1 for the stack trace)");
            debugTrace(failure, err, debug);
            return internalErrorStatus;
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

    private static boolean isBrokenPipe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && String.valueOf(t.getMessage()).contains("Broken pipe")) {
                return true;
            }
        }
        return false;
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
