package vmtool.proc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The few fields of /proc/PID/stat that vmtool uses. */
record StatLine(String comm, char state, int ppid, long flags, long startStack) {
    /** Fields counted from 1, as proc(5) does; fields after the command are counted from the last ')'. */
    private static final int PPID_FIELD = 4;
    private static final int FLAGS_FIELD = 9;
    private static final int START_STACK_FIELD = 28;
    /** PF_KTHREAD in the flags: a kernel thread. */
    private static final long KERNEL_THREAD = 0x00200000;
    /** PF_EXITING in the flags: the process is ending. */
    private static final long EXITING = 0x00000004;

    static StatLine parse(byte[] stat, Path path) throws ProcException {
        try {
            return parse(stat, stat.length);
        } catch (Malformed e) {
            throw malformed(path.toString(), path, e.getMessage());
        }
    }

    /** {@code name} names the text in a message; {@code path} goes into the exception (null for a capture). */
    static StatLine parse(byte[] stat, int length, String name, Path path) throws ProcException {
        try {
            return parse(stat, length);
        } catch (Malformed e) {
            throw malformed(name, path, e.getMessage());
        }
    }

    /** What is wrong with a stat text; the caller names the text (only then: the name costs a path's text). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    /** The fields of a stat text, read from its bytes (one char per byte, as Latin-1 decodes them). */
    static StatLine parse(byte[] stat, int length) throws Malformed {
        int open = -1;
        for (int i = 0; i < length; i++) {
            if (stat[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = length - 1; i >= 0; i--) {
            if (stat[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 0 || close < open) {
            throw new Malformed("no command name in parentheses");
        }
        String comm = new String(stat, open + 1, close - open - 1, StandardCharsets.ISO_8859_1);
        // The fields after the name, counted from 3 (state), without splitting them all: only four are wanted.
        long ppid = 0;
        long flags = 0;
        long startStack = 0;
        int field = 3;
        int at = close + 1;
        char state = 0;
        while (field <= START_STACK_FIELD) {
            while (at < length && stat[at] == ' ') {
                at++;
            }
            int end = at;
            while (end < length && stat[end] != ' ' && stat[end] != '\n') {
                end++;
            }
            if (end == at) {
                throw new Malformed("fewer fields than expected");
            }
            if (field == 3) {
                if (end - at != 1) {
                    throw new Malformed("field 3 is not a state letter");
                }
                state = (char) (stat[at] & 0xff);
            } else if (field == PPID_FIELD || field == FLAGS_FIELD || field == START_STACK_FIELD) {
                long value;
                try {
                    value = unsigned(stat, at, end);
                } catch (NumberFormatException e) {
                    throw new Malformed("field " + field + " is not a number");
                }
                if (field == PPID_FIELD) {
                    ppid = value;
                } else if (field == FLAGS_FIELD) {
                    flags = value;
                } else {
                    startStack = value;
                }
            }
            field++;
            at = end;
        }
        if (ppid > Integer.MAX_VALUE || ppid < 0) {
            throw new Malformed("field " + PPID_FIELD + " is not a number");
        }
        return new StatLine(comm, state, (int) ppid, flags, startStack);
    }

    /**
     * The unsigned decimal number {@code text[from, to)}, as Long.parseUnsignedLong reads it: digits are added up
     * here, and anything else (a sign, 19 digits or more) is left to it.
     *
     * @throws NumberFormatException when it is not one
     */
    private static long unsigned(byte[] text, int from, int to) {
        if (to - from > 18 || text[from] < '0' || text[from] > '9') {
            return Long.parseUnsignedLong(new String(text, from, to - from, StandardCharsets.ISO_8859_1));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException();
            }
            value = value * 10 + digit;
        }
        return value;
    }

    boolean kernelThread() {
        return (flags & KERNEL_THREAD) != 0;
    }

    /** A zombie, or a process in its last moments: it has no memory left. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /**
     * Exited, or exiting: PF_EXITING is set as do_exit starts, before the process gives up its memory and long
     * before it shows as a zombie, so a read of its memory may fail (ESRCH) while its state still says running.
     */
    boolean exiting() {
        return exited() || (flags & EXITING) != 0;
    }

    private static ProcException malformed(String name, Path path, String what) {
        return new ProcException(ProcException.Kind.MALFORMED, path, name + ": " + what, null);
    }
}
