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
        return parse(stat, stat.length, path.toString(), path);
    }

    /** {@code name} names the text in a message; {@code path} goes into the exception (null for a capture). */
    static StatLine parse(byte[] stat, int length, String name, Path path) throws ProcException {
        String text = new String(stat, 0, length, StandardCharsets.ISO_8859_1);
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw malformed(name, path, "no command name in parentheses");
        }
        String comm = text.substring(open + 1, close);
        // The fields after the name, counted from 3 (state), without splitting them all: only four are wanted.
        long[] values = new long[3];
        int[] wanted = {PPID_FIELD, FLAGS_FIELD, START_STACK_FIELD};
        int field = 3;
        int at = close + 1;
        char state = 0;
        int next = 0;
        while (next < wanted.length) {
            while (at < length && text.charAt(at) == ' ') {
                at++;
            }
            int end = at;
            while (end < length && text.charAt(end) != ' ' && text.charAt(end) != '\n') {
                end++;
            }
            if (end == at) {
                throw malformed(name, path, "fewer fields than expected");
            }
            if (field == 3) {
                if (end - at != 1) {
                    throw malformed(name, path, "field 3 is not a state letter");
                }
                state = text.charAt(at);
            } else if (field == wanted[next]) {
                try {
                    values[next] = Long.parseUnsignedLong(text, at, end, 10);
                } catch (NumberFormatException e) {
                    throw malformed(name, path, "field " + field + " is not a number");
                }
                next++;
            }
            field++;
            at = end;
        }
        if (values[0] > Integer.MAX_VALUE || values[0] < 0) {
            throw malformed(name, path, "field " + PPID_FIELD + " is not a number");
        }
        return new StatLine(comm, state, (int) values[0], values[1], values[2]);
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
