package vmtool.touch;

import vmtool.terminal.StopSignals;

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

    /** The reason a stopping signal gives, or null for none. */
    static StopReason of(StopSignals.Stop stop) {
        if (stop == null) {
            return null;
        }
        return switch (stop) {
            case SIGINT -> SIGINT;
            case SIGTERM -> SIGTERM;
            case SIGHUP -> SIGHUP;
        };
    }
}
