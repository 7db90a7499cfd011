package vmtool.jvm;

/** A JVM's own account of its regions could not be had; the message says why, in a line. */
public final class JvmUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public JvmUnavailableException(String message) {
        super(message);
    }
}
