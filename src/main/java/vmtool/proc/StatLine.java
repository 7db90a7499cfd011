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
        String[] rest = text.substring(close + 1).strip().split(" ");
        // rest[0] is field 3 (state).
        if (rest.length <= START_STACK_FIELD - 3 || rest[0].length() != 1) {
            throw malformed(name, path, "fewer fields than expected");
        }
        int field = PPID_FIELD;
        try {
            int ppid = Integer.parseInt(rest[PPID_FIELD - 3]);
            field = FLAGS_FIELD;
            long flags = Long.parseUnsignedLong(rest[FLAGS_FIELD - 3]);
            field = START_STACK_FIELD;
            long startStack = Long.parseUnsignedLong(rest[START_STACK_FIELD - 3]);
            if (ppid < 0) {
                throw new NumberFormatException();
            }
            return new StatLine(comm, rest[0].charAt(0), ppid, flags, startStack);
        } catch (NumberFormatException e) {
            throw malformed(name, path, "field " + field + " is not a number");
        }
    }

    boolean kernelThread() {
        return (flags & KERNEL_THREAD) != 0;
    }

    /** A zombie, or a process in its last moments: it has no memory left. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }

    private static ProcException malformed(String name, Path path, String what) {
        return new ProcException(ProcException.Kind.MALFORMED, path, name + ": " + what, null);
    }
}
