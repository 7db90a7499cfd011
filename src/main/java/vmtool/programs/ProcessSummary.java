package vmtool.programs;

/**
 * What {@code vmtool ps} knows of one process, read once from a few small /proc files (or a capture of them).
 * Text that the process controls (its name, executable path and command line) is byte text
 * ({@link vmtool.model.ByteText}): one char per byte, exactly as the kernel wrote it.
 *
 * @param pid        the process id
 * @param ppid       its parent's id (0 for init and kthreadd)
 * @param uid        its effective user id (status's Uid line, the second number), as ps's USER shows;
 *                   {@link #UNKNOWN_UID} when /proc hides the process
 * @param comm       the kernel's name for it (stat's second field, at most 15 bytes), byte text
 * @param executable the /proc/PID/exe link, or why there is none
 * @param cmdline    /proc/PID/cmdline as read, arguments separated by NUL bytes, at most
 *                   {@link #MAX_CMDLINE_BYTES}; empty for a kernel thread or a zombie
 * @param kernelThread whether it is a kernel thread (PF_KTHREAD in stat's flags)
 * @param state      the state letter of stat ('R', 'S', 'Z'...)
 * @param startStack where the main stack starts (stat's field 28; 0 when hidden), for the classifier
 * @param memory     whether its memory was read
 * @param rollup     its smaps_rollup; {@link Rollup#NONE} unless {@code memory} is {@code READ}
 * @param mappings   how many mappings it has (lines of /proc/PID/maps); -1 unless {@code memory} is {@code READ}
 */
public record ProcessSummary(int pid, int ppid, int uid, String comm, Executable executable, String cmdline,
                             boolean kernelThread, char state, long startStack, MemoryState memory, Rollup rollup,
                             int mappings) {
    /** procps reads at most this much of a command line (its MAX_BUFSZ, less the final NUL). */
    public static final int MAX_CMDLINE_BYTES = 128 * 1024 - 1;
    /** The uid of a process that /proc hides: (uid_t) -1, which no user has. */
    public static final int UNKNOWN_UID = -1;

    public ProcessSummary {
        if (memory != MemoryState.READ && (rollup != Rollup.NONE || mappings != -1)) {
            throw new IllegalArgumentException("figures for a process whose memory was not read");
        }
    }

    public boolean readable() {
        return memory == MemoryState.READ;
    }

    /**
     * The program it runs, for grouping: the executable's path when it could be read, else the kernel's name
     * (which is all that is known of another user's process), byte text.
     */
    public String program() {
        return executable.known() ? executable.path() : comm;
    }

    /**
     * Whether {@code name} (byte text) names this process's program: its executable's full path, or the last
     * component of that path, or its kernel name (comm). What {@code ps --name} and {@code anatomy --program} take.
     */
    public boolean runs(String name) {
        if (name.isEmpty()) {
            return false;
        }
        return comm.equals(name) || executable.known() && (executable.path().equals(name)
                || executable.baseName().equals(name));
    }

    /** The command line with its NUL separators as spaces (and no trailing one), byte text, as ps shows it. */
    public String commandLine() {
        int end = cmdline.length();
        while (end > 0 && cmdline.charAt(end - 1) == '\0') {
            end--;
        }
        return cmdline.substring(0, end).replace('\0', ' ');
    }
}
