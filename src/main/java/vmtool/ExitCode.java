package vmtool;

/** Every exit status vmtool uses, named once; README.md and the man pages list them. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** pmap: a usage error, an unreadable process or rc file (procps pmap uses 1 for all of these). */
    public static final int PMAP_FAILURE = 1;
    /** A usage error of vmtool itself or of any command but pmap. */
    public static final int USAGE = 2;
    /** where, pages: an address (pages: or range) given is in no mapping; diff: the snapshots differ (as diff(1) says 1). */
    public static final int DIFFERENT = 1;
    /**
     * anatomy, where, pages, map, watch, diff: the process or the saved file could not be read (gone, not allowed,
     * malformed; pages: a kernel thread, a process that exited while its pages were read).
     */
    public static final int INPUT_FAILURE = 4;
    /** touch: the run could not be done (allocation, locking, /proc unreadable, --physical without root). */
    public static final int TOUCH_FAILURE = 3;
    /**
     * touch, map: the output could not be written (a full disk, /dev/full; map's --html or --svg FILE: no such
     * directory, no permission): sysexits.h's EX_IOERR.
     */
    public static final int OUTPUT_ERROR = 74;
    /** pmap: at least one PID named does not exist (procps pmap's 42, or-ed with 1 if both happened). */
    public static final int PMAP_NO_SUCH_PROCESS = 42;
    /** Standard output was closed by its reader (128 + SIGPIPE), as the shell reports a C tool killed by it. */
    public static final int BROKEN_PIPE = 141;
    /** touch: ended by SIGHUP (128 + 1). */
    public static final int HUNG_UP = 129;
    /** touch: ended by SIGINT (128 + 2). */
    public static final int INTERRUPTED = 130;
    /** touch: ended by SIGTERM (128 + 15). */
    public static final int TERMINATED = 143;

    private ExitCode() {
    }
}
