package vmtool.pmap;

import java.util.ArrayList;
import java.util.List;

/** The PID arguments as pmap reads them: a number in any C base, or {@code /proc/N}. */
public final class PidArguments {
    private static final long MAX_PID = 0x7fffffffL;
    private static final String PROC_PREFIX = "/proc/";

    private final List<Integer> pids;
    private final List<String> skipped;

    private PidArguments(List<Integer> pids, List<String> skipped) {
        this.pids = List.copyOf(pids);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Parses the arguments. {@code /proc/} followed by anything but a digit is skipped, as pmap skips it.
     *
     * @throws IllegalArgumentException naming the first argument that is not a PID
     */
    public static PidArguments parse(List<String> arguments) {
        List<Integer> pids = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String argument : arguments) {
            String number = argument;
            if (argument.startsWith(PROC_PREFIX)) {
                number = argument.substring(PROC_PREFIX.length());
                if (number.isEmpty() || !isDigit(number.charAt(0))) {
                    skipped.add(argument);
                    continue;
                }
            }
            if (number.isEmpty() || !isDigit(number.charAt(0))) {
                throw notAPid(argument);
            }
            CNumbers.Parsed parsed = CNumbers.strtoul(number, 0);
            if (parsed.end() != number.length() || parsed.value() < 1 || parsed.value() > MAX_PID) {
                throw notAPid(argument);
            }
            pids.add((int) parsed.value());
        }
        return new PidArguments(pids, skipped);
    }

    private static IllegalArgumentException notAPid(String argument) {
        return new IllegalArgumentException("'" + argument + "' is not a process id: give a number from 1 to "
                + MAX_PID + " or /proc/PID");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public List<Integer> pids() {
        return pids;
    }

    /** Arguments like {@code /proc/self} that name no numeric PID and are passed over. */
    public List<String> skipped() {
        return skipped;
    }
}
