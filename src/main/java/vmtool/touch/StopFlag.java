package vmtool.touch;

/** Set by the controlling thread; read by the allocator between chunks and by the workers between segments. */
final class StopFlag {
    private volatile boolean set;

    void set() {
        set = true;
    }

    boolean isSet() {
        return set;
    }
}
