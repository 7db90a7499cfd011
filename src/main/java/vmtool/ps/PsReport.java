package vmtool.ps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import vmtool.programs.Group;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.Rollup;
import vmtool.programs.Totals;
import vmtool.programs.UserNames;

/**
 * What {@code vmtool ps} shows, made from a process table: the rows in order, their totals, and the counts of what
 * is not shown and why (processes whose memory could not be read, those that exited while read, kernel threads and
 * zombies, which have no memory). Renderers only lay it out.
 *
 * @param source      where the table was read: {@code /proc}, or a capture file
 * @param saved       whether it was read from a capture
 * @param options     what was asked
 * @param rows        the rows, in order
 * @param totals      the sums over every process shown
 * @param denied      the processes that the filters take but whose memory could not be read, by pid
 * @param exited      processes that exited while they were read
 * @param noMemory    kernel threads and zombies that the filters take (not shown: they have no memory)
 * @param asRoot      whether the reader was root (then a denied process is not a matter of privilege)
 */
public record PsReport(String source, boolean saved, PsOptions options, List<Row> rows, Totals totals,
                       List<ProcessSummary> denied, int exited, int noMemory, boolean asRoot) {

    /**
     * One row: a process, or a group of them.
     *
     * @param process the process, or null for a group
     * @param group   the group, or null for a process
     * @param user    the user's name (of a group: the one user of all its processes, or their number)
     * @param depth   the depth in the tree (0 outside one)
     */
    public record Row(ProcessSummary process, Group group, String user, int depth) {
        public Totals totals() {
            return group != null ? group.totals() : Totals.of(List.of(process));
        }

        /** The name shown: a process's kernel name; a group's program path or user. */
        public String name() {
            return group != null ? group.label() : process.comm();
        }
    }

    /** The report on {@code table} for {@code options}; {@code names} names users. */
    public static PsReport of(ProcessTable table, PsOptions options, UserNames names, String source, boolean saved,
                              boolean asRoot) {
        List<ProcessSummary> shown = new ArrayList<>();
        List<ProcessSummary> denied = new ArrayList<>();
        int noMemory = 0;
        for (ProcessSummary process : table.processes()) {
            if (!taken(process, options)) {
                continue;
            }
            if (process.memory() == MemoryState.READ) {
                shown.add(process);
            } else if (process.memory() == MemoryState.DENIED) {
                denied.add(process);
            } else if (process.memory() == MemoryState.NO_MEMORY) {
                noMemory++;
            }
        }
        Comparator<Row> order = order(options.sort());
        List<Row> rows = new ArrayList<>();
        switch (options.by()) {
            case PROGRAM -> {
                for (Group group : Group.byProgram(shown)) {
                    rows.add(new Row(null, group, groupUser(group, names), 0));
                }
                rows.sort(order);
            }
            case USER -> {
                for (Group group : Group.byUser(shown, names)) {
                    rows.add(new Row(null, group, group.label(), 0));
                }
                rows.sort(order);
            }
            case PROCESS -> {
                for (ProcessSummary process : shown) {
                    rows.add(new Row(process, null, names.name(process.uid()), 0));
                }
                rows.sort(order);
                if (options.tree()) {
                    rows = tree(rows, table);
                }
            }
        }
        return new PsReport(source, saved, options, rows, Totals.of(shown), denied, table.exited(), noMemory,
                asRoot);
    }

    /**
     * {@link #taken} as a predicate. A class, not a lambda: a lambda's class is spun at run time through
     * java.lang.invoke, ~2 ms of a ps.
     */
    public static java.util.function.Predicate<ProcessSummary> takenBy(PsOptions options) {
        return new java.util.function.Predicate<ProcessSummary>() {
            @Override
            public boolean test(ProcessSummary process) {
                return taken(process, options);
            }
        };
    }

    /** Whether the filters take the process: it runs one of the names, and belongs to one of the users. */
    public static boolean taken(ProcessSummary process, PsOptions options) {
        if (!options.uids().isEmpty() && !options.uids().contains(process.uid())) {
            return false;
        }
        if (options.names().isEmpty()) {
            return true;
        }
        for (String name : options.names()) {
            if (process.runs(name)) {
                return true;
            }
        }
        return false;
    }

    /** A group's user: the one user of all its processes, or how many there are. */
    private static String groupUser(Group group, UserNames names) {
        int uid = group.processes().get(0).uid();
        for (ProcessSummary process : group.processes()) {
            if (process.uid() != uid) {
                return "(" + group.processes().stream().mapToInt(ProcessSummary::uid).distinct().count()
                        + " users)";
            }
        }
        return names.name(uid);
    }

    /**
     * The rows (already in order) as a forest: each row under its nearest shown ancestor, siblings in the rows'
     * order; a row whose parent is not shown is a root.
     */
    private static List<Row> tree(List<Row> ordered, ProcessTable table) {
        java.util.Map<Integer, Row> byPid = new java.util.HashMap<>();
        for (Row row : ordered) {
            byPid.put(row.process().pid(), row);
        }
        java.util.Map<Integer, List<Row>> children = new java.util.HashMap<>();
        List<Row> roots = new ArrayList<>();
        for (Row row : ordered) {
            Integer parent = shownAncestor(row.process(), byPid, table);
            if (parent == null) {
                roots.add(row);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(row);
            }
        }
        List<Row> out = new ArrayList<>(ordered.size());
        java.util.Set<Integer> placed = new java.util.HashSet<>();
        java.util.ArrayDeque<Row> stack = new java.util.ArrayDeque<>();
        for (Row root : roots) {
            stack.push(new Row(root.process(), null, root.user(), 0));
            while (!stack.isEmpty()) {
                Row row = stack.pop();
                if (!placed.add(row.process().pid())) {
                    continue;
                }
                out.add(row);
                List<Row> kids = children.getOrDefault(row.process().pid(), List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    Row kid = kids.get(i);
                    stack.push(new Row(kid.process(), null, kid.user(), row.depth() + 1));
                }
            }
        }
        // Rows on a cycle of parents (only a hostile capture has one) have no root: they end the list, flat.
        for (Row row : ordered) {
            if (placed.add(row.process().pid())) {
                out.add(row);
            }
        }
        return out;
    }

    /** The nearest ancestor that is shown, or null; the walk stops on a cycle. */
    private static Integer shownAncestor(ProcessSummary process, java.util.Map<Integer, Row> shown,
                                         ProcessTable table) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int parent = process.ppid();
        while (parent != 0 && seen.add(parent) && parent != process.pid()) {
            if (shown.containsKey(parent)) {
                return parent;
            }
            ProcessSummary up = table.process(parent);
            if (up == null) {
                return null;
            }
            parent = up.ppid();
        }
        return null;
    }

    /**
     * The rows' order: by the key, largest first for a size, then by the first pid. A class, not
     * Comparator.comparing: those lambdas of java.util.Comparator's are spun at run time, not taken from the start-up
     * cache. A row's sums are taken once, not in each comparison.
     */
    private static Comparator<Row> order(PsOptions.Sort sort) {
        return new Comparator<Row>() {
            @Override
            public int compare(Row a, Row b) {
                int order = switch (sort) {
                    case PSS, RSS, USS, SWAP, MAPPINGS -> Long.compare(size(b, sort), size(a, sort));
                    case PID -> 0;
                    case NAME -> a.name().compareTo(b.name());
                    case USER -> a.user().compareTo(b.user());
                };
                return order != 0 ? order : Integer.compare(firstPid(a), firstPid(b));
            }
        };
    }

    /** The size that {@code sort} orders by. */
    private static long size(Row row, PsOptions.Sort sort) {
        Rollup rollup = row.process() != null ? row.process().rollup() : row.group().totals().rollup();
        return switch (sort) {
            case PSS -> rollup.pssKb();
            case RSS -> rollup.rssKb();
            case USS -> rollup.ussKb();
            case SWAP -> rollup.swapKb();
            case MAPPINGS -> row.process() != null ? row.process().mappings() : row.group().totals().mappings();
            default -> 0;
        };
    }

    private static int firstPid(Row row) {
        return row.process() != null ? row.process().pid() : row.group().processes().get(0).pid();
    }
}
