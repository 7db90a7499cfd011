package vmtool.nativeio;

/** A libc call failed: which call, its errno, and the C library's words for it (strerror). */
public final class LibcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    LibcException(String call, int errno, String strerror) {
        super(call + ": " + strerror);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
