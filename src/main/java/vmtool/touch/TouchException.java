package vmtool.touch;

/** The run could not be done (memory, locking, /proc, the output); the message is one line a user can act on. */
public class TouchException extends Exception {
    private static final long serialVersionUID = 1L;

    public TouchException(String message) {
        super(message);
    }

    public TouchException(String message, Throwable cause) {
        super(message, cause);
    }
}
