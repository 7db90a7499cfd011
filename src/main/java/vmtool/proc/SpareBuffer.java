package vmtool.proc;

/**
 * One buffer kept from a read that ended for the next: the anatomy of a program reads a dozen smaps one after
 * another, and a new buffer for each was zeroed by the JVM, faulted in by the kernel and then copied or dropped by a
 * young collection, which stops the reading thread. Any thread may take and give.
 */
final class SpareBuffer {
    private final int size;
    /** Guarded by this. */
    private byte[] spare;

    SpareBuffer(int size) {
        this.size = size;
    }

    /** The buffer kept (its content is old), or a new one of the size. */
    synchronized byte[] take() {
        byte[] buffer = spare;
        spare = null;
        return buffer != null ? buffer : new byte[size];
    }

    /** Keeps {@code buffer}, which the giver no longer uses, for the next {@link #take}. */
    synchronized void give(byte[] buffer) {
        spare = buffer;
    }
}
