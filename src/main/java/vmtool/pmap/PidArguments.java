package vmtool.pmap;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.Pid;

/** The PID arguments as pmap reads them: each as {@link Pid} reads it, {@code /proc/self} and the like passed over. */
public final class PidArguments {
    private final List<Integer> pids;
    private final List<String> skipped;

    private PidArguments(List<Integer> pids, List<String> skipped) {
        this.pids = List.copyOf(pids);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Parses the arguments, each with {@link Pid#parse}, except that {@code /proc/} followed by anything but a digit
     * is skipped, as pmap skips it.
     *
     * @throws IllegalArgumentException naming the first argument that is not a PID
     */
    public static PidArguments parse(List<String> arguments) {
        List<Integer> pids = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String argument : arguments) {
            if (Pid.isProcWithoutNumber(argument)) {
                skipped.add(argument);
            } else {
                pids.add(Pid.parse(argument));
            }
        }
        return new PidArguments(pids, skipped);
    }

    public List<Integer> pids() {
        return pids;
    }

    /** Arguments like {@code /proc/self} that name no numeric PID and are passed over. */
    public List<String> skipped() {
        return skipped;
    }
}
