package vmtool.source;

/**
 * An address space could not be read: the process is gone or hidden, or a saved file is missing or not what it
 * should be. The message is one line for the user, naming the process or the file (and the line, for a file).
 */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
