package vmtool.touch;

import java.io.IOException;

import vmtool.output.BrokenPipe;

/**
 * Standard output could not be written: its reader went away (a closed pipe), or the write failed (a full disk,
 * {@code /dev/full}, a hung-up terminal). The run ends as soon as that is seen, and frees its memory.
 */
public final class OutputFailure extends TouchException {
    private static final long serialVersionUID = 1L;

    private final boolean closed;
    private final transient StopReason endedBy;

    OutputFailure(IOException cause, StopReason endedBy) {
        super("cannot write the output: " + cause.getMessage(), cause);
        // EPIPE is the one failure to tell apart (exit 141, quietly).
        this.closed = BrokenPipe.is(cause);
        this.endedBy = endedBy;
    }

    /** The reader closed the pipe (EPIPE). */
    public boolean closed() {
        return closed;
    }

    /** The signal or timer that had ended the run before its last lines failed to be written; null if none had. */
    public StopReason endedBy() {
        return endedBy;
    }
}
