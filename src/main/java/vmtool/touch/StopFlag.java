package vmtool.touch;

/** Set once, by the controlling thread; read by the workers between segments. */
final class StopFlag {
    private volatile boolean set;

    void set() {
        set = true;
    }

    boolean isSet() {
        return set;
    }
}
