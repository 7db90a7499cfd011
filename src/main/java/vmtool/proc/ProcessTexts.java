package vmtool.proc;

import java.nio.charset.StandardCharsets;

import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.Rollup;

/**
 * The few small files of one process that {@code vmtool ps} reads, as the kernel wrote them: what a live read and a
 * capture both hold, parsed by the same code ({@link #summary}).
 *
 * @param pid        the process id (the /proc directory's name)
 * @param stat       /proc/PID/stat; null when /proc hides the process (hidepid) and only its id is known
 * @param status     /proc/PID/status; null when hidden
 * @param cmdline    /proc/PID/cmdline, at most {@link ProcessSummary#MAX_CMDLINE_BYTES}; read with the memory
 *                   (empty when the memory was skipped, and for a kernel thread or a zombie)
 * @param executable the /proc/PID/exe link's text, or why there is none
 * @param memory     whether the memory was read: {@code rollup} and {@code mappings} only when it was
 * @param rollup     /proc/PID/smaps_rollup; null unless read
 * @param mappings   the number of lines of /proc/PID/maps; -1 unless read
 */
public record ProcessTexts(int pid, byte[] stat, byte[] status, byte[] cmdline, Executable executable,
                           MemoryState memory, byte[] rollup, int mappings) {

    /** The same process with its command line and memory as read now. */
    ProcessTexts with(byte[] commandLine, MemoryState read, byte[] rollupText, int mappingCount) {
        return new ProcessTexts(pid, stat, status, commandLine, executable, read, rollupText, mappingCount);
    }

    /** The files, as they are named in messages. */
    public enum Part {
        STAT("stat"), STATUS("status"), CMDLINE("cmdline"), EXE("exe"), SMAPS_ROLLUP("smaps_rollup");

        private final String file;

        Part(String file) {
            this.file = file;
        }

        /** The file's name under /proc/PID. */
        public String file() {
            return file;
        }
    }

    /** Where the texts were read, for messages: a /proc path, or a capture file and the line each text starts on. */
    public interface Origin {
        /** The path or file that holds the part. */
        String name(Part part);

        /** The number, in that file, of the part's first line. */
        int firstLine(Part part);
    }

    /** {@code "NAME: line N"} for a line counted from 1 within the part's text. */
    private static String where(Origin origin, Part part, int line) {
        return origin.name(part) + ": line " + (origin.firstLine(part) + line - 1);
    }

    /**
     * What the texts say of the process.
     *
     * @throws ProcException (MALFORMED) when a text is not what the kernel writes; the message says where
     */
    public ProcessSummary summary(Origin origin) throws ProcException {
        if (stat == null) {
            return new ProcessSummary(pid, 0, ProcessSummary.UNKNOWN_UID, "", Executable.DENIED, "", false, '?', 0,
                    MemoryState.DENIED, Rollup.NONE, -1);
        }
        StatLine statLine;
        try {
            statLine = StatLine.parse(stat, stat.length);
        } catch (StatLine.Malformed e) {
            throw malformed(where(origin, Part.STAT, 1) + ": " + e.getMessage());
        }
        return summary(origin, statLine);
    }

    /** The same, with the stat text (not null) already parsed into {@code statLine}. */
    ProcessSummary summary(Origin origin, StatLine statLine) throws ProcException {
        if (statLine.comm().length() > MAX_COMM_BYTES) {
            throw malformed(where(origin, Part.STAT, 1) + ": the name is longer than the kernel's "
                    + MAX_COMM_BYTES + " bytes");
        }
        int uid = effectiveUid(status, origin);
        Rollup figures = Rollup.NONE;
        if (memory == MemoryState.READ) {
            try {
                figures = RollupParser.parse(rollup, rollup.length, origin.firstLine(Part.SMAPS_ROLLUP));
            } catch (RollupParser.MalformedRollup e) {
                throw malformed(origin.name(Part.SMAPS_ROLLUP) + ": " + e.getMessage());
            }
        }
        if (figures == null) {
            // An empty rollup: the process lost its memory (it was exiting) between the reads.
            return new ProcessSummary(pid, statLine.ppid(), uid, statLine.comm(), executable, latin1(cmdline),
                    statLine.kernelThread(), statLine.state(), statLine.startStack(), MemoryState.NO_MEMORY,
                    Rollup.NONE, -1);
        }
        return new ProcessSummary(pid, statLine.ppid(), uid, statLine.comm(), executable, latin1(cmdline),
                statLine.kernelThread(), statLine.state(), statLine.startStack(), memory, figures,
                memory == MemoryState.READ ? mappings : -1);
    }

    /** TASK_COMM_LEN less its NUL: the kernel never writes a longer name. */
    private static final int MAX_COMM_BYTES = 63;
    private static final byte[] UID = {'U', 'i', 'd', ':'};

    /** The second number of status's {@code Uid:} line, read from its bytes. */
    private static int effectiveUid(byte[] status, Origin origin) throws ProcException {
        int length = status.length;
        int line = 1;
        for (int start = 0; start < length; line++) {
            int end = start;
            while (end < length && status[end] != '\n') {
                end++;
            }
            if (startsWith(status, start, end, UID)) {
                // "Uid:\tREAL\tEFFECTIVE\tSAVED\tFS": the second number.
                int at = start + UID.length;
                for (int number = 0; number < 2; number++) {
                    while (at < end && (status[at] == '\t' || status[at] == ' ')) {
                        at++;
                    }
                    int from = at;
                    while (at < end && status[at] >= '0' && status[at] <= '9') {
                        at++;
                    }
                    if (number == 1 && at > from && at - from <= 10
                            && (at == end || status[at] == '\t' || status[at] == ' ')) {
                        long uid = 0;
                        for (int i = from; i < at; i++) {
                            uid = uid * 10 + (status[i] - '0');
                        }
                        // Integer.parseUnsignedInt's range: up to 2^32 - 1, as (uid_t) bits.
                        if (uid <= 0xffffffffL) {
                            return (int) uid;
                        }
                        break;
                    }
                    if (at == from) {
                        break;
                    }
                }
                throw malformed(where(origin, Part.STATUS, line) + ": the Uid line has no effective uid");
            }
            start = end + 1;
        }
        throw malformed(where(origin, Part.STATUS, line) + ": no Uid line");
    }

    private static boolean startsWith(byte[] text, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (text[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProcException malformed(String message) {
        return new ProcException(ProcException.Kind.MALFORMED, null, message, null);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
