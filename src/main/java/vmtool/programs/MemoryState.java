package vmtool.programs;

/** Whether a process's memory could be read. */
public enum MemoryState {
    /** smaps_rollup was read: the process's figures are known. */
    READ,
    /**
     * The kernel refused smaps_rollup (ptrace's read check: another user's process, or one that is not dumpable,
     * for a user who is not root). The process exists and is counted, but its memory is unknown.
     */
    DENIED,
    /** A kernel thread or a zombie: it has no user memory, so there is nothing to read. */
    NO_MEMORY,
    /** Not read: the reader was asked only for other processes (ps --name, --user), and knows only who this is. */
    SKIPPED
}
