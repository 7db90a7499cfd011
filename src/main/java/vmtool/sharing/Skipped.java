package vmtool.sharing;

import java.util.List;

/**
 * Processes asked for but not shown, counted rather than left out in silence.
 *
 * @param exited     those that exited before or while they were read
 * @param unreadable those whose mappings this user may not read
 * @param remedy     what would show the unreadable ones ("run as root"), empty when there are none
 */
public record Skipped(List<Integer> exited, List<Integer> unreadable, String remedy) {
    public static final Skipped NONE = new Skipped(List.of(), List.of(), "");

    public Skipped {
        exited = List.copyOf(exited);
        unreadable = List.copyOf(unreadable);
    }

    /** Both counts together. */
    public Skipped plus(Skipped other) {
        List<Integer> gone = new java.util.ArrayList<>(exited);
        gone.addAll(other.exited);
        List<Integer> denied = new java.util.ArrayList<>(unreadable);
        denied.addAll(other.unreadable);
        return new Skipped(gone, denied, remedy.isEmpty() ? other.remedy : remedy);
    }

    public boolean isEmpty() {
        return exited.isEmpty() && unreadable.isEmpty();
    }

    /** The lines that say so, for people (empty when nothing was skipped). */
    public List<String> lines() {
        return lines("");
    }

    /**
     * The lines that say so of processes that are not the ones asked about (share's others): "N other processes".
     */
    public List<String> linesOfOthers() {
        return lines("other ");
    }

    private List<String> lines(String which) {
        List<String> lines = new java.util.ArrayList<>();
        if (!exited.isEmpty()) {
            lines.add(count(exited.size(), which) + " gone (exited before or while being read), skipped: "
                    + pids(exited));
        }
        if (!unreadable.isEmpty()) {
            lines.add(count(unreadable.size(), which) + " could not be read, not counted: " + pids(unreadable)
                    + (remedy.isEmpty() ? "" : "; " + remedy + " to see " + (unreadable.size() == 1 ? "it" : "them")));
        }
        return lines;
    }

    private static String count(int n, String which) {
        return n == 1 ? "1 " + which + "process" : n + " " + which + "processes";
    }

    private static String pids(List<Integer> pids) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pids.size() && i < 20; i++) {
            text.append(i == 0 ? "" : " ").append(pids.get(i));
        }
        return pids.size() > 20 ? text + " ..." : text.toString();
    }
}
