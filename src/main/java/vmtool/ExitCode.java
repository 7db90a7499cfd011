package vmtool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exit status vmtool uses, named once, with what it means to each command that exits with it ({@link #TABLE}).
 * Every command's --help, the root's, the man pages (all three through picocli's model, cli/PicocliSpecs) and the
 * tables of README.md and docs/*.md (held to it by ExitStatusDocsTest) are made from this table.
 * The run path reads only the constants, which the compiler copies in: the table is loaded for help and failures.
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** pmap: a usage error, an unreadable process or rc file, output that cannot be written (procps pmap's 1). */
    public static final int PMAP_FAILURE = 1;
    /** A usage error of vmtool itself or of any command but pmap. */
    public static final int USAGE = 2;
    /** where, pages: an address (pages: or range) given is in no mapping; diff: the snapshots differ (as diff(1) says 1). */
    public static final int DIFFERENT = 1;
    /**
     * ps: no process runs the program that --name gives, or belongs to the user --user gives; anatomy --program,
     * share --program: no process runs the program NAME (as pgrep's 1).
     */
    public static final int NO_MATCH = 1;
    /**
     * anatomy, where, pages, map, watch, diff: the process or the saved file could not be read (gone, not allowed,
     * malformed; pages: a kernel thread, a process that exited while its pages were read).
     */
    public static final int INPUT_FAILURE = 4;
    /** touch: the run could not be done (allocation, locking, /proc unreadable, --physical without root). */
    public static final int TOUCH_FAILURE = 3;
    /** Every command but pmap: an internal error, a bug (sysexits.h's EX_SOFTWARE); pmap's is its 1. */
    public static final int INTERNAL_ERROR = 70;
    /**
     * Every command but pmap: the output could not be written (a full disk, /dev/full; map's --html or --svg FILE:
     * no such directory, no permission): sysexits.h's EX_IOERR. pmap's is its 1, as procps's.
     */
    public static final int OUTPUT_ERROR = 74;
    /** pmap: at least one PID named does not exist (procps pmap's 42, or-ed with 1 if both happened). */
    public static final int PMAP_NO_SUCH_PROCESS = 42;
    /** Standard output was closed by its reader (128 + SIGPIPE), as the shell reports a C tool killed by it. */
    public static final int BROKEN_PIPE = 141;
    /** touch, watch: ended by SIGHUP (128 + 1). */
    public static final int HUNG_UP = 129;
    /** touch, watch: ended by SIGINT (128 + 2). */
    public static final int INTERRUPTED = 130;
    /** touch, watch: ended by SIGTERM (128 + 15). */
    public static final int TERMINATED = 143;

    /**
     * What a status means to some commands.
     *
     * @param commands the commands' names ({@code pmap}, {@code anatomy}, ...)
     * @param text     a sentence for their --help and man page
     */
    public record Meaning(List<String> commands, String text) {
        public Meaning {
            commands = List.copyOf(commands);
        }
    }

    /**
     * A status.
     *
     * @param code     the number
     * @param summary  a sentence for vmtool's own --help and README.md's table, naming the commands when it differs
     * @param meanings what it means to each command that exits with it; each command at most once
     */
    public record Status(int code, String summary, List<Meaning> meanings) {
        public Status {
            meanings = List.copyOf(meanings);
        }

        /** The commands that exit with this status, in the table's order. */
        public List<String> commands() {
            List<String> commands = new ArrayList<>();
            for (Meaning meaning : meanings) {
                commands.addAll(meaning.commands());
            }
            return commands;
        }
    }

    /** Every status, in increasing order. A new command adds its name here (at least to 0, 2, 70, 74 and 141). */
    public static final List<Status> TABLE = List.of(
            status(OK, "Success.",
                    meaning("pmap", "Every process was shown."),
                    meaning("touch", "The time was up."),
                    meaning("anatomy", "The anatomy was shown."),
                    meaning("where", "Every address is mapped."),
                    meaning("pages", "The pages were shown (also without root: what needs root is said on"
                            + " stderr)."),
                    meaning("map", "The map was drawn or written."),
                    meaning("watch", "The process exited (the last line is 'process PID exited'; a zombie counts"
                            + " as exited), or --count refreshes were shown."),
                    meaning("diff", "The snapshots do not differ."),
                    meaning("ps", "The processes were listed (or captured)."),
                    meaning("share", "What the process shares was shown.")),
            status(PMAP_FAILURE, "pmap: a usage error, a process or rc file that could not be read, or output that"
                            + " could not be written (as procps pmap); where, pages: an address is not mapped; diff: the"
                            + " snapshots differ; ps, anatomy and share --program: no process matches.",
                    meaning("pmap", "Usage error, rc file error, a process whose mappings could not be read, a saved"
                            + " file that cannot be read or is malformed (or lacks what the mode needs), output that"
                            + " could not be written, or an internal error: procps pmap's failure status."),
                    meaning("where", "At least one address is not mapped."),
                    meaning("pages", "An ADDRESS or LOW-HIGH holds no mapped page."),
                    meaning("diff", "The snapshots differ (as diff(1))."),
                    meaning("ps", "No process matches --name or --user (as pgrep)."),
                    meaning("anatomy share", "--program NAME: no process runs the program NAME (as pgrep).")),
            status(USAGE, "Usage error (of vmtool, and of every command but pmap).",
                    meaning("touch anatomy map ps share", "Usage error."),
                    meaning("where", "Usage error (an address that is not hex, a missing PID or address)."),
                    meaning("pages", "Usage error (not hex, a range that does not end above its start, a missing"
                            + " PID)."),
                    meaning("watch", "Usage error (no PID, a bad --interval or --count)."),
                    meaning("diff", "Usage error (not two files, --json with --csv, both -, a saved maps file, which"
                            + " has no sizes).")),
            status(TOUCH_FAILURE, "touch: the memory could not be had (allocation, locking, threads, or more than"
                            + " MemAvailable, the cgroup's limit or ulimit -v leaves), or --physical without root.",
                    meaning("touch", "The memory could not be had (allocation, locking, threads, /proc; more than"
                            + " MemAvailable, the cgroup's memory limit or ulimit -v leaves, without --force), or"
                            + " --physical without root.")),
            status(INPUT_FAILURE, "The process or the saved file could not be read (no such process, permission"
                            + " denied, malformed), has no user address space (a kernel thread), or is too large for"
                            + " the heap.",
                    meaning("anatomy where map", "The process or the file could not be read (no such process,"
                            + " permission denied, malformed), has no user address space (a kernel thread, an empty"
                            + " file), or is too large for the heap."),
                    meaning("pages", "The process or its pagemap could not be read (no such process, another"
                            + " user's process, a kernel without pagemap), it is a kernel thread, it exited while"
                            + " its pages were read, or the runs asked for do not fit in the heap (the line says"
                            + " what helps)."),
                    meaning("watch", "The process could not be read at the start (no such process, permission"
                            + " denied), or three reads in a row failed while it was still there."),
                    meaning("diff", "A file could not be read (missing, permission denied, malformed), has no user"
                            + " address space (empty: a kernel thread's smaps), or is too large for the heap."),
                    meaning("ps", "/proc or the capture file could not be read (malformed, truncated, not a"
                            + " capture)."),
                    meaning("share", "The process or the capture could not be read (no such process, permission"
                            + " denied, malformed).")),
            status(PMAP_NO_SUCH_PROCESS, "pmap: a PID does not exist (43: that, and 1 too, as procps pmap).",
                    meaning("pmap", "A PID does not exist (43: that, and a process could not be read).")),
            status(INTERNAL_ERROR, "Internal error: a bug in vmtool (one line on stderr; please report it); pmap's"
                            + " status for it is 1.",
                    meaning("touch anatomy where pages map watch diff ps share", "Internal error: a bug in vmtool"
                            + " (please report it; VMTOOL_DEBUG=1 shows the stack trace).")),
            status(OUTPUT_ERROR, "The output could not be written (a full disk, > /dev/full; map's FILE: no such"
                            + " directory, no permission, refused); pmap's status for it is 1, as procps pmap's.",
                    meaning("touch anatomy where pages watch diff share", "Standard output could not be written"
                            + " (a full disk, /dev/full)."),
                    meaning("ps", "Standard output or the capture file could not be written (a full disk, /dev/full,"
                            + " a FILE that is refused as map's is)."),
                    meaning("map", "The map could not be written (a full disk, /dev/full, no such directory, no"
                            + " permission), or FILE is a link or lies in a directory that another user could change"
                            + " (docs/map.md, Files).")),
            status(HUNG_UP, "touch, watch: ended by SIGHUP.",
                    meaning("touch watch", "Ended by SIGHUP.")),
            status(INTERRUPTED, "touch, watch: ended by SIGINT (Ctrl-C).",
                    meaning("touch watch", "Ended by SIGINT (Ctrl-C).")),
            status(BROKEN_PIPE, "Standard output was closed by its reader (e.g. | head), as for a C tool killed by"
                            + " SIGPIPE.",
                    meaning("pmap touch anatomy where pages map watch diff ps share", "Standard output was closed"
                            + " by its reader (e.g. | head).")),
            status(TERMINATED, "touch, watch: ended by SIGTERM.",
                    meaning("touch watch", "Ended by SIGTERM.")));

    private ExitCode() {
    }

    /**
     * The status of output that cannot be written: pmap's failure status (its statuses are procps pmap's), every
     * other command's (and vmtool's own) {@link #OUTPUT_ERROR}.
     */
    public static int writeFailure(String command) {
        return command.equals("pmap") ? PMAP_FAILURE : OUTPUT_ERROR;
    }

    /** The status of an internal error: pmap's failure status, every other command's {@link #INTERNAL_ERROR}. */
    public static int internalError(String command) {
        return command.equals("pmap") ? PMAP_FAILURE : INTERNAL_ERROR;
    }

    /** What each status means to {@code command}, in increasing order: what its --help lists. */
    public static Map<Integer, String> of(String command) {
        Map<Integer, String> statuses = new LinkedHashMap<>();
        for (Status status : TABLE) {
            for (Meaning meaning : status.meanings()) {
                if (meaning.commands().contains(command)) {
                    statuses.put(status.code(), meaning.text());
                }
            }
        }
        return statuses;
    }

    private static Status status(int code, String summary, Meaning... meanings) {
        return new Status(code, summary, List.of(meanings));
    }

    private static Meaning meaning(String commands, String text) {
        return new Meaning(List.of(commands.split(" ")), text);
    }
}
