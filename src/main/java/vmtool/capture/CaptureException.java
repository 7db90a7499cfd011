package vmtool.capture;

/** A capture file is not what vmtool writes: truncated, hostile, or no capture. The message names file and line. */
public final class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
