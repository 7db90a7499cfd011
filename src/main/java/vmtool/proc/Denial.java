package vmtool.proc;

/**
 * Why the kernel refused this user a process's memory map (smaps, maps): told from who vmtool runs as, the process's
 * user ids (/proc/PID/status, which anyone may read) and the owner of the refused file, which the kernel makes root
 * when the process is not dumpable. Each says what to do, and never to run as root when vmtool is root already.
 */
public enum Denial {
    /** Another user's process, read by a user who is not root. */
    OTHER_USER("the process belongs to another user (run as that user or as root)"),
    /**
     * The user's own process, not dumpable: it called prctl(PR_SET_DUMPABLE, 0) (ssh-agent, gpg-agent do), or it runs
     * a set-user-ID or set-group-ID program; the kernel then gives /proc/PID's files to root and refuses the owner.
     */
    NOT_DUMPABLE("the process is yours, but not dumpable: it made itself so (prctl PR_SET_DUMPABLE, as ssh-agent"
            + " does) or runs a set-user-ID or set-group-ID program, and the kernel then lets only root read its"
            + " memory map (run as root)"),
    /** The user's own, dumpable process: what refused is not the ownership (a security module, a namespace). */
    REFUSED_TO_OWNER("the process is yours, yet the kernel refused: a security module (Yama, AppArmor, SELinux,"
            + " Landlock) or a user namespace that vmtool is not in"),
    /** vmtool runs as root, and was refused all the same. */
    REFUSED_TO_ROOT("even root may not read it: the process is outside what this root may trace (another user"
            + " namespace, as a container's host is) or a security module (Landlock, AppArmor, SELinux) refused");

    private final String reason;

    Denial(String reason) {
        this.reason = reason;
    }

    /** The reason and what to do, for people: the end of a "permission denied; ..." line. */
    public String reason() {
        return reason;
    }

    /**
     * The denial, from this user's effective uid, the process's real uid, and the uid that owns the refused file.
     *
     * @param selfUid    vmtool's effective uid
     * @param processUid the process's real uid (the first of /proc/PID/status's Uid line)
     * @param fileOwner  the owner of the refused /proc/PID file: root, whoever the process's uid, when the process
     *                   is not dumpable
     */
    static Denial of(int selfUid, int processUid, int fileOwner) {
        if (selfUid == 0) {
            return REFUSED_TO_ROOT;
        }
        if (processUid != selfUid) {
            return OTHER_USER;
        }
        return fileOwner == 0 ? NOT_DUMPABLE : REFUSED_TO_OWNER;
    }
}
