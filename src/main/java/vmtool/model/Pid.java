package vmtool.model;

/**
 * The one way every command reads a process id from its arguments: procps pmap's. A whole number from 1 to
 * 2147483647 written as C writes it (strtoul with base 0): decimal, hexadecimal after {@code 0x} or {@code 0X}, or
 * octal after a leading {@code 0}, so {@code 024050} is 10280 and {@code 0x2828} is 10280 too; or {@code /proc/}
 * followed by such a number. Nothing else: no sign, no space, nothing after the number (not even a {@code /}).
 */
public final class Pid {
    /** The largest PID pmap takes (the kernel's PID_MAX_LIMIT is far below it). */
    public static final long MAX = 0x7fffffffL;
    private static final String PROC_PREFIX = "/proc/";

    private Pid() {
    }

    /**
     * The process id {@code argument} names.
     *
     * @throws IllegalArgumentException with one line for the user when it names none
     */
    public static int parse(String argument) {
        String number = argument.startsWith(PROC_PREFIX) ? argument.substring(PROC_PREFIX.length()) : argument;
        // strtoul would skip spaces and take a sign; pmap first asks for a digit.
        if (number.isEmpty() || number.charAt(0) < '0' || number.charAt(0) > '9') {
            throw notAPid(argument);
        }
        CNumbers.Parsed parsed = CNumbers.strtoul(number, 0);
        if (parsed.end() != number.length() || parsed.value() < 1 || parsed.value() > MAX) {
            throw notAPid(argument);
        }
        return (int) parsed.value();
    }

    /**
     * Whether {@code argument} is {@code /proc/} followed by anything but a digit ({@code /proc/self}): pmap passes
     * such an argument over; every other command refuses it, as {@link #parse} does.
     */
    public static boolean isProcWithoutNumber(String argument) {
        if (!argument.startsWith(PROC_PREFIX)) {
            return false;
        }
        String rest = argument.substring(PROC_PREFIX.length());
        return rest.isEmpty() || rest.charAt(0) < '0' || rest.charAt(0) > '9';
    }

    private static IllegalArgumentException notAPid(String argument) {
        if (isName(argument)) {
            // A program's name where its PID belongs, the first day's mistake: say where its PIDs are.
            return new IllegalArgumentException("'" + argument + "' is a name, not a process id: 'pgrep " + argument
                    + "' lists the PIDs of the processes of that name (a PID is a number from 1 to " + MAX
                    + ", or /proc/PID)");
        }
        return new IllegalArgumentException("'" + argument + "' is not a process id: give a number from 1 to "
                + MAX + " (a leading 0 is octal, 0x hex, as in C) or /proc/PID");
    }

    /** A word that can only be a name (a letter first), and that a shell takes as it is, to quote in a hint. */
    private static boolean isName(String argument) {
        if (argument.isEmpty() || argument.length() > 64 || !isLetter(argument.charAt(0))) {
            return false;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && "._+-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
