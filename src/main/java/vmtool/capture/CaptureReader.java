package vmtool.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.proc.ProcException;
import vmtool.proc.ProcessTexts;
import vmtool.proc.SmapsParser;
import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.UserNames;

/**
 * Reads a capture (docs/ps.md) front to back, once: first its table of processes ({@link #readTable}), then, if
 * asked, the smaps of some of them ({@link #readSmaps}). Trusts nothing in it: every line and every length is
 * bounded, every number checked, and the kernel's texts go through the parsers that read /proc. Anything else, or an
 * end before the end, is one message that names the file and the line.
 */
public final class CaptureReader {
    /** The most a capture may hold. */
    public static final long MAX_BYTES = 1L << 30;
    private static final Map<String, Integer> MAX_BLOB = Map.of("stat", 4096, "status", 1 << 16,
            "cmdline", ProcessSummary.MAX_CMDLINE_BYTES, "exe", 3 * 4096, "smaps_rollup", 1 << 16);
    /** The most one process's smaps may hold here: Linux's default limit of 65,530 mappings takes ~70 MB. */
    private static final int MAX_SMAPS_BYTES = 128 << 20;

    private final InputStream in;
    private final String name;
    private final byte[] buffer = new byte[1 << 16];
    /** The start of a line being skipped: as long as the longest end line. */
    private final byte[] start = new byte[END_EXITED.length];
    private int pos;
    private int limit;
    private long consumed;
    /** The number of the line the next byte is on. */
    private int line = 1;

    /** What the table part of a capture says. */
    public record Table(ProcessTable table, UserNames users, int capturedByUid, String kernel, String time) {
    }

    /**
     * @param in   the capture, at its start
     * @param name how messages name it
     */
    public CaptureReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The header and the table of processes; the stream is left at the first smaps. */
    public Table readTable() throws CaptureException, IOException {
        String first = readLine("the first line");
        if (!first.startsWith(CaptureFormat.MAGIC + " ")) {
            throw error(line - 1, "not a capture made by 'vmtool ps --capture' (its first line is not '"
                    + CaptureFormat.MAGIC + " " + CaptureFormat.VERSION + "')");
        }
        if (!first.equals(CaptureFormat.MAGIC + " " + CaptureFormat.VERSION)) {
            throw error(line - 1, "a capture of format " + ByteText.shown(first.substring(CaptureFormat.MAGIC
                    .length() + 1)) + ", which this vmtool does not read (it reads " + CaptureFormat.VERSION + ")");
        }
        String kernel = value(readLine("the kernel line"), "kernel");
        String time = value(readLine("the time line"), "time");
        long uid = number(value(readLine("the uid line"), "uid"), -1, 0xffffffffL);
        List<ProcessSummary> processes = new ArrayList<>();
        Set<Integer> pids = new HashSet<>();
        Map<Integer, String> names = new HashMap<>();
        int exited = -1;
        while (exited < 0) {
            int at = line;
            String text = readLine("a process, a user or the exited line");
            if (text.startsWith("process ")) {
                int pid = (int) number(text.substring("process ".length()), 1, Integer.MAX_VALUE);
                if (!pids.add(pid)) {
                    throw error(at, "process " + pid + " a second time");
                }
                processes.add(process(pid));
            } else if (text.startsWith("user ")) {
                String[] parts = text.split(" ", 3);
                if (parts.length != 3 || parts[2].isEmpty()) {
                    throw error(at, "expected 'user UID NAME'");
                }
                names.put((int) number(parts[1], 0, 0xffffffffL), parts[2]);
            } else if (text.startsWith("exited ")) {
                exited = (int) number(text.substring("exited ".length()), 0, Integer.MAX_VALUE);
            } else {
                throw error(at, "expected 'process PID', 'user UID NAME' or 'exited N', not '"
                        + ByteText.shown(cut(text)) + "'");
            }
        }
        return new Table(new ProcessTable(processes, exited), UserNames.of(names), (int) uid, kernel, time);
    }

    /**
     * The smaps of the processes in {@code wanted}, read from the rest of the capture; a process whose smaps the
     * capture lacks (it exited, or was denied, when the capture was made) is not in the result.
     */
    public Map<Integer, List<Mapping>> readSmaps(Set<Integer> wanted) throws CaptureException, IOException {
        Map<Integer, List<Mapping>> found = new HashMap<>();
        readSmaps(wanted, found::put);
        return found;
    }

    /** What is done with one process's smaps as it is read. */
    public interface SmapsConsumer {
        void accept(int pid, List<Mapping> mappings) throws CaptureException;

        /** Which of process {@code pid}'s mappings are wanted (null: all); the others are dropped as they are read. */
        default java.util.function.Predicate<Mapping> keep(int pid) {
            return null;
        }
    }

    /**
     * The same, each process's smaps given to {@code each} as soon as it is read and not kept: a capture of a
     * whole machine is read in the memory of one process (share reads every process but keeps little of each).
     */
    public void readSmaps(Set<Integer> wanted, SmapsConsumer each) throws CaptureException, IOException {
        Set<Integer> seen = new HashSet<>();
        while (true) {
            int at = line;
            String text = readLine("a process's smaps or the end of the capture");
            if (text.equals("end capture")) {
                if (fill() > 0) {
                    throw error(line, "more after 'end capture'");
                }
                return;
            }
            String[] parts = text.split(" ");
            if (parts.length < 2 || parts.length > 3 || !parts[0].equals("smaps")
                    || parts.length == 3 && !parts[2].equals("exited") && !parts[2].equals("denied")) {
                throw error(at, "expected 'smaps PID' or 'end capture', not '" + ByteText.shown(cut(text)) + "'");
            }
            int pid = (int) number(parts[1], 1, Integer.MAX_VALUE);
            if (!seen.add(pid)) {
                throw error(at, "the smaps of process " + pid + " a second time");
            }
            if (parts.length == 3) {
                continue;
            }
            if (!wanted.contains(pid)) {
                skipSection(pid);
                continue;
            }
            Section section = new Section(pid);
            try {
                List<Mapping> mappings = SmapsParser.parse(section, name + " (process " + pid
                        + "'s smaps, from line " + section.first + ")", each.keep(pid));
                // The parser stops at the end of its text, which the section makes the line before 'end smaps'.
                each.accept(pid, mappings);
            } catch (SmapsParser.MalformedProcText e) {
                throw new CaptureException(e.getMessage(), e);
            } catch (Failed e) {
                throw e.failure;
            }
        }
    }

    /** Passes over a process's smaps that is not wanted, to its end line, copying nothing. */
    private void skipSection(int pid) throws CaptureException, IOException {
        String what = "process " + pid + "'s smaps";
        long size = 0;
        while (true) {
            long length = skipLine(SmapsParser.MAX_LINE_BYTES, what);
            if (length < 0) {
                return;
            }
            size += length;
            if (size > MAX_SMAPS_BYTES) {
                throw tooLarge(pid);
            }
        }
    }

    private CaptureException tooLarge(int pid) {
        return error(line - 1, "the smaps of process " + pid + " is larger than " + (MAX_SMAPS_BYTES >> 20)
                + " MiB");
    }

    /**
     * Passes one line (with its newline) of at most {@code max} bytes, keeping only its start; its length, or -1
     * when it was the end line of a process's smaps.
     */
    private long skipLine(int max, String what) throws CaptureException, IOException {
        long length = 0;
        while (true) {
            int end = lineEnd(what);
            int n = end - pos + (end < limit ? 1 : 0);
            for (int i = 0; i < n && length + i < start.length; i++) {
                start[(int) length + i] = buffer[pos + i];
            }
            length += n;
            if (length > max) {
                throw error(line, "a line longer than " + max + " bytes, where " + what + " should be");
            }
            if (end < limit) {
                line++;
                pos = end + 1;
                return length <= start.length && isEnd(start, (int) length) ? -1 : length;
            }
            pos = limit;
        }
    }

    /** A capture's failure carried through the parser's stream, which may throw only IOException. */
    private static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient CaptureException failure;

        Failed(CaptureException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    /**
     * One process's smaps as a stream, a line at a time, that ends before its end line (which it reads): the parser
     * reads it a piece at a time, so the smaps of a process of 60,000 mappings (~60 MB) is never held whole.
     */
    private final class Section extends InputStream {
        private final int pid;
        /** How a message names the section: made once, not once a line. */
        private final String what;
        private final int first = line;
        private byte[] current;
        private int at;
        private long size;
        private boolean ended;

        Section(int pid) {
            this.pid = pid;
            this.what = "process " + pid + "'s smaps";
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int done = 0;
            while (done < length) {
                if (current == null || at == current.length) {
                    if (ended || !next()) {
                        return done == 0 ? -1 : done;
                    }
                }
                int n = Math.min(length - done, current.length - at);
                System.arraycopy(current, at, into, offset + done, n);
                at += n;
                done += n;
            }
            return done;
        }

        /** The next line into {@code current}; false at the end line. */
        private boolean next() throws Failed, IOException {
            try {
                byte[] text = readRawLine(SmapsParser.MAX_LINE_BYTES, what);
                if (isEnd(text, text.length)) {
                    ended = true;
                    return false;
                }
                size += text.length;
                if (size > MAX_SMAPS_BYTES) {
                    throw tooLarge(pid);
                }
                current = text;
                at = 0;
                return true;
            } catch (CaptureException e) {
                throw new Failed(e);
            }
        }
    }

    /** Whether a line (with its newline) ends a process's smaps. */
    private static boolean isEnd(byte[] text, int length) {
        return length >= 10 && text[0] == 'e' && text[1] == 'n' && (Arrays.equals(text, 0, length, END, 0,
                END.length) || Arrays.equals(text, 0, length, END_EXITED, 0, END_EXITED.length));
    }

    private static final byte[] END = "end smaps\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] END_EXITED = "end smaps exited\n".getBytes(StandardCharsets.ISO_8859_1);

    private ProcessSummary process(int pid) throws CaptureException, IOException {
        int[] firstLines = new int[ProcessTexts.Part.values().length];
        int at = line;
        String text = readLine("process " + pid + "'s stat");
        if (text.equals("hidden")) {
            expect("end process", pid);
            return summary(new ProcessTexts(pid, null, null, new byte[0], Executable.DENIED, MemoryState.DENIED,
                    null, -1), firstLines);
        }
        byte[] stat = blob(text, at, "stat", pid, firstLines, ProcessTexts.Part.STAT);
        at = line;
        byte[] status = blob(readLine("process " + pid + "'s status"), at, "status", pid, firstLines,
                ProcessTexts.Part.STATUS);
        at = line;
        byte[] cmdline = blob(readLine("process " + pid + "'s cmdline"), at, "cmdline", pid, firstLines,
                ProcessTexts.Part.CMDLINE);
        at = line;
        text = readLine("process " + pid + "'s exe");
        Executable executable;
        if (text.equals("exe denied")) {
            executable = Executable.DENIED;
        } else if (text.equals("exe none")) {
            executable = Executable.NONE;
        } else {
            byte[] link = blob(text, at, "exe", pid, firstLines, ProcessTexts.Part.EXE);
            if (link.length == 0 || link[0] != '/') {
                throw error(firstLines[ProcessTexts.Part.EXE.ordinal()], "process " + pid
                        + "'s exe is not an absolute path");
            }
            executable = Executable.ofLinkText(ByteText.fromBytes(link));
        }
        at = line;
        text = readLine("process " + pid + "'s memory");
        ProcessTexts texts;
        if (text.equals("memory denied") || text.equals("memory none")) {
            texts = new ProcessTexts(pid, stat, status, cmdline, executable, text.equals("memory denied")
                    ? MemoryState.DENIED : MemoryState.NO_MEMORY, null, -1);
        } else {
            byte[] rollup = blob(text, at, "smaps_rollup", pid, firstLines, ProcessTexts.Part.SMAPS_ROLLUP);
            at = line;
            int mappings = (int) number(value(readLine("process " + pid + "'s mappings"), "mappings"), 0,
                    Integer.MAX_VALUE);
            texts = new ProcessTexts(pid, stat, status, cmdline, executable, MemoryState.READ, rollup, mappings);
        }
        expect("end process", pid);
        ProcessSummary summary = summary(texts, firstLines);
        if (summary.memory() == MemoryState.READ && summary.kernelThread()) {
            throw error(firstLines[ProcessTexts.Part.STAT.ordinal()], "process " + pid
                    + " is a kernel thread, which has no memory to read, yet the capture gives it some");
        }
        return summary;
    }

    private ProcessSummary summary(ProcessTexts texts, int[] firstLines) throws CaptureException {
        try {
            return texts.summary(new ProcessTexts.Origin() {
                @Override
                public String name(ProcessTexts.Part part) {
                    return name;
                }

                @Override
                public int firstLine(ProcessTexts.Part part) {
                    return firstLines[part.ordinal()];
                }
            });
        } catch (ProcException e) {
            throw new CaptureException(e.getMessage(), e);
        }
    }

    private void expect(String expected, int pid) throws CaptureException, IOException {
        int at = line;
        String text = readLine("'" + expected + "' of process " + pid);
        if (!text.equals(expected)) {
            throw error(at, "expected '" + expected + "' (process " + pid + "), not '" + ByteText.shown(cut(text))
                    + "'");
        }
    }

    /** A {@code KEY LENGTH} line's bytes, which follow it, then a newline. */
    private byte[] blob(String header, int at, String key, int pid, int[] firstLines, ProcessTexts.Part part)
            throws CaptureException, IOException {
        if (!header.startsWith(key + " ")) {
            throw error(at, "expected '" + key + " LENGTH' (process " + pid + "), not '"
                    + ByteText.shown(cut(header)) + "'");
        }
        int length = (int) number(header.substring(key.length() + 1), 0, MAX_BLOB.get(key));
        firstLines[part.ordinal()] = line;
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            if (pos == limit && fill() <= 0) {
                throw truncated("process " + pid + "'s " + key);
            }
            int n = Math.min(length - done, limit - pos);
            System.arraycopy(buffer, pos, bytes, done, n);
            for (int i = pos; i < pos + n; i++) {
                if (buffer[i] == '\n') {
                    line++;
                }
            }
            pos += n;
            done += n;
        }
        if (pos == limit && fill() <= 0) {
            throw truncated("process " + pid + "'s " + key);
        }
        if (buffer[pos] != '\n') {
            throw error(line, "process " + pid + "'s " + key + " is longer than its " + length + " bytes");
        }
        pos++;
        line++;
        return bytes;
    }

    /** A line of the capture's own, without its newline, as byte text. */
    private String readLine(String what) throws CaptureException, IOException {
        byte[] bytes = readRawLine(CaptureFormat.MAX_LINE_BYTES, what);
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
    }

    /** A line with its newline, at most {@code max} bytes. */
    private byte[] readRawLine(int max, String what) throws CaptureException, IOException {
        ByteArrayOutputStream text = null;
        while (true) {
            int end = lineEnd(what);
            int length = end - pos + (end < limit ? 1 : 0);
            if ((text == null ? 0 : text.size()) + length > max) {
                throw error(line, "a line longer than " + max + " bytes, where " + what + " should be");
            }
            if (end < limit) {
                line++;
                if (text == null) {
                    byte[] bytes = Arrays.copyOfRange(buffer, pos, end + 1);
                    pos = end + 1;
                    return bytes;
                }
                text.write(buffer, pos, length);
                pos = end + 1;
                return text.toByteArray();
            }
            if (text == null) {
                text = new ByteArrayOutputStream();
            }
            text.write(buffer, pos, length);
            pos = limit;
        }
    }

    /**
     * Where the line at {@code pos} ends in the buffer: the index of its newline, or {@code limit} if it goes on past
     * the buffer (which is read into first if used up; its end is then {@code what} truncated).
     */
    private int lineEnd(String what) throws CaptureException, IOException {
        if (pos == limit && fill() <= 0) {
            throw truncated(what);
        }
        int end = pos;
        while (end < limit && buffer[end] != '\n') {
            end++;
        }
        return end;
    }

    /** Reads more into the buffer (only when it is used up); the number of bytes there, or -1 at the end. */
    private int fill() throws CaptureException, IOException {
        if (pos < limit) {
            return limit - pos;
        }
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        consumed += limit;
        if (consumed > MAX_BYTES) {
            throw error(line, "the capture is larger than " + (MAX_BYTES >> 30) + " GiB, the most vmtool reads");
        }
        return n;
    }

    private String value(String text, String key) throws CaptureException {
        if (!text.startsWith(key + " ")) {
            throw error(line - 1, "expected '" + key + " ...', not '" + ByteText.shown(cut(text)) + "'");
        }
        return text.substring(key.length() + 1);
    }

    /** A decimal number from {@code min} to {@code max} (the line before the next is the one it is on). */
    private long number(String text, long min, long max) throws CaptureException {
        boolean digits = !text.isEmpty() && text.length() <= 19;
        for (int i = 0; i < text.length() && digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9' || i == 0 && text.charAt(i) == '-';
        }
        long value;
        try {
            value = digits ? Long.parseLong(text) : min - 1;
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw error(line - 1, "'" + ByteText.shown(cut(text)) + "' is not a number from " + min + " to " + max);
        }
        return value;
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private CaptureException truncated(String what) {
        return error(line, "the file ends where " + what + " should be: the capture is truncated");
    }

    private CaptureException error(int at, String what) {
        return new CaptureException(name + ": line " + at + ": " + what, null);
    }
}
