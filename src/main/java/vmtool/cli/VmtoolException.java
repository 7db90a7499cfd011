package vmtool.cli;

/**
 * The one exception type a command throws to stop with a message for the user and an exit status.
 * The message is one line that says what was wrong and what to do; the handler prefixes the command name.
 */
public final class VmtoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public VmtoolException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public VmtoolException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
