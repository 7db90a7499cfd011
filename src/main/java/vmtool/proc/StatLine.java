package vmtool.proc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The few fields of /proc/PID/stat that vmtool uses. */
record StatLine(String comm, char state, long startStack, boolean kernelThread) {
    /** Field 9, the task's flags: PF_KTHREAD (include/linux/sched.h) marks a kernel thread. */
    private static final int FLAGS_FIELD = 9;
    private static final long PF_KTHREAD = 0x00200000;
    /** Field 28, counted from 1; fields after the command are counted from the last ')'. */
    private static final int START_STACK_FIELD = 28;

    static StatLine parse(byte[] stat, Path path) throws ProcException {
        String text = new String(stat, StandardCharsets.ISO_8859_1);
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw malformed(path, "no command name in parentheses");
        }
        String comm = text.substring(open + 1, close);
        String[] rest = text.substring(close + 1).strip().split(" ");
        // rest[0] is field 3 (state).
        int index = START_STACK_FIELD - 3;
        if (rest.length <= index || rest[0].isEmpty()) {
            throw malformed(path, "fewer fields than expected");
        }
        try {
            long flags = Long.parseUnsignedLong(rest[FLAGS_FIELD - 3]);
            return new StatLine(comm, rest[0].charAt(0), Long.parseUnsignedLong(rest[index]),
                    (flags & PF_KTHREAD) != 0);
        } catch (NumberFormatException e) {
            throw malformed(path, "field " + FLAGS_FIELD + " or " + START_STACK_FIELD + " is not a number");
        }
    }

    private static ProcException malformed(Path path, String what) {
        return new ProcException(ProcException.Kind.MALFORMED, path, path + ": " + what, null);
    }
}
