package vmtool.capture;

/** What the writer and the reader of a capture agree on. */
final class CaptureFormat {
    /** The first word of the first line. */
    static final String MAGIC = "vmtool-capture";
    /** Raised when a reader of this version could not read what a writer writes. */
    static final int VERSION = 1;
    /** The longest line of the capture's own (not the kernel's text): a header, a user's name. */
    static final int MAX_LINE_BYTES = 4096;

    private CaptureFormat() {
    }
}
