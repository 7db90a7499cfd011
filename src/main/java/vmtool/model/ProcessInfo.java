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
 */
public record ProcessInfo(int pid, int tgid, String cmdline, String comm, char state, long startStack) {
}
