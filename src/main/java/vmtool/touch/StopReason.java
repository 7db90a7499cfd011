package vmtool.touch;

/** Why a run ended. */
public enum StopReason {
    TIME_UP("time up", null),
    SIGINT("interrupted", "INT"),
    SIGTERM("terminated", "TERM"),
    /** The terminal hung up (or kill -HUP). */
    SIGHUP("hung up", "HUP");

    private final String description;
    private final String signalName;

    StopReason(String description, String signalName) {
        this.description = description;
        this.signalName = signalName;
    }

    /** "time up", "interrupted (SIGINT)". */
    public String description() {
        return signalName == null ? description : description + " (SIG" + signalName + ")";
    }

    /** The name sun.misc.Signal knows, or null for the timer. */
    String signalName() {
        return signalName;
    }
}
