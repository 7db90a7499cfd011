package vmtool.source;

/**
 * Where an address space comes from: a live process, or a saved file ({@code -} for standard input) holding a copy
 * of /proc/PID/smaps, of /proc/PID/maps, or vmtool's JSON snapshot.
 */
public sealed interface Source permits Source.Live, Source.Saved {

    /** A process, by its id (a thread id names its process). */
    record Live(int pid) implements Source {
    }

    /** A saved file; {@code -} is standard input. */
    record Saved(String file) implements Source {
        /** How messages name it. */
        public String displayName() {
            return file.equals("-") ? "standard input" : file;
        }
    }

    /**
     * The process an operand names: a number from 1 to 2147483647, or {@code /proc/PID}.
     *
     * @throws IllegalArgumentException with a message for the user when it names none
     */
    static Live process(String operand) {
        String digits = operand.startsWith("/proc/") ? operand.substring("/proc/".length()) : operand;
        if (digits.endsWith("/")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        boolean number = !digits.isEmpty() && digits.length() <= 10;
        for (int i = 0; i < digits.length() && number; i++) {
            number = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        long pid = number ? Long.parseLong(digits) : 0;
        if (pid < 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + operand + "' is not a process id: give a number from 1 to"
                    + " 2147483647 or /proc/PID");
        }
        return new Live((int) pid);
    }
}
