package vmtool.model;

/**
 * What pmap needs to know of a process besides its mappings.
 *
 * @param pid        the id asked for (a thread id is allowed)
 * @param tgid       the process (thread group) id, whose mappings are read
 * @param cmdline    /proc/PID/cmdline as read: arguments separated by NUL bytes, one char per byte
 * @param comm       the command name from /proc/PID/stat, one char per byte
 * @param state      the state letter from /proc/PID/stat ('Z' for a zombie)
 * @param startStack the start of the main stack (field 28 of /proc/PID/stat); 0 when hidden from this user
 * @param kernelThread whether it is a kernel thread (PF_KTHREAD in field 9 of /proc/PID/stat): it has no user
 *                     address space, so its smaps and maps are empty
 */
public record ProcessInfo(int pid, int tgid, String cmdline, String comm, char state, long startStack,
                          boolean kernelThread) {
    /** A process that is not a kernel thread (or not known to be one: a saved file, a snapshot). */
    public ProcessInfo(int pid, int tgid, String cmdline, String comm, char state, long startStack) {
        this(pid, tgid, cmdline, comm, state, startStack, false);
    }

    /**
     * What every command but pmap's own modes says of a kernel thread, instead of showing an empty address space
     * (or, for where, calling every address unmapped in a gap from 0 to the top): one line, its name escaped.
     */
    public String kernelThreadLine() {
        return "process " + pid + " [" + ByteText.shown(comm) + "] is a kernel thread: it has no user address space,"
                + " so no mappings to show";
    }

    /**
     * The command line for people, as ps shows it: NUL separators as blanks, without the NULs it ends with (a
     * program that rewrote its arguments, as postgres's processes do, leaves a run of them), escaped
     * ({@link ByteText#shown}); {@code [comm]} when it has none (a kernel thread, a zombie).
     */
    public String shownCommandLine() {
        if (cmdline.isEmpty()) {
            return "[" + ByteText.shown(comm) + "]";
        }
        int end = cmdline.length();
        while (end > 0 && cmdline.charAt(end - 1) == '\0') {
            end--;
        }
        return ByteText.shown(cmdline.substring(0, end).replace('\0', ' '));
    }
}
