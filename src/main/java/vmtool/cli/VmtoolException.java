package vmtool.cli;

/**
 * The one exception type a command throws to stop with a message for the user and an exit status.
 * The message is one line that says what was wrong and what to do; the handler prefixes the command name, and
 * for a usage error ({@link #usage}) points at the command's --help.
 */
public final class VmtoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean usage;

    public VmtoolException(int exitCode, String message) {
        this(exitCode, message, null, false);
    }

    public VmtoolException(int exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    private VmtoolException(int exitCode, String message, Throwable cause, boolean usage) {
        super(message, cause);
        this.exitCode = exitCode;
        this.usage = usage;
    }

    /** The command line itself was wrong: the message is followed by where to read how to use the command. */
    public static VmtoolException usage(int exitCode, String message) {
        return new VmtoolException(exitCode, message, null, true);
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean isUsage() {
        return usage;
    }
}
