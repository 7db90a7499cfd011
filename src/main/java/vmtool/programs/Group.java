package vmtool.programs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes taken together: those of one program or of one user.
 *
 * @param label     what they share: the program's executable path (byte text) or the user's name
 * @param processes the processes, in the order they were given
 * @param totals    their sums
 */
public record Group(String label, List<ProcessSummary> processes, Totals totals) {
    public Group {
        processes = List.copyOf(processes);
    }

    /**
     * The processes grouped by program ({@link ProcessSummary#program}): by executable, so that every process of a
     * browser is one group wherever it sits in the tree; a process whose executable is unknown by its kernel name.
     * Groups in the order of their first process.
     */
    public static List<Group> byProgram(List<ProcessSummary> processes) {
        Map<String, List<ProcessSummary>> groups = new LinkedHashMap<>();
        for (ProcessSummary process : processes) {
            groups.computeIfAbsent(process.program(), k -> new ArrayList<>()).add(process);
        }
        return groups(groups);
    }

    /** The processes grouped by their effective user, each labelled by {@code names}; in order of first process. */
    public static List<Group> byUser(List<ProcessSummary> processes, UserNames names) {
        Map<String, List<ProcessSummary>> groups = new LinkedHashMap<>();
        for (ProcessSummary process : processes) {
            groups.computeIfAbsent(names.name(process.uid()), k -> new ArrayList<>()).add(process);
        }
        return groups(groups);
    }

    private static List<Group> groups(Map<String, List<ProcessSummary>> groups) {
        List<Group> list = new ArrayList<>(groups.size());
        for (Map.Entry<String, List<ProcessSummary>> entry : groups.entrySet()) {
            list.add(new Group(entry.getKey(), entry.getValue(), Totals.of(entry.getValue())));
        }
        return list;
    }
}
