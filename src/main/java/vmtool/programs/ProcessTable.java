package vmtool.programs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process of a machine at one moment, as far as it could be read: the live /proc, or a capture of it. Each
 * process that was listed is here (those whose memory could not be read too, so that they are counted, never
 * silently left out), except those that exited while they were read, which are only counted.
 *
 * <p>What several commands select from it: the processes of a program ({@link #program}), a process and its
 * descendants ({@link #tree}), some processes by id ({@link #pids}).
 */
public final class ProcessTable {
    private final List<ProcessSummary> processes;
    private final int exited;
    private final Map<Integer, ProcessSummary> byPid;
    private Map<Integer, List<ProcessSummary>> children;

    /**
     * @param processes the processes, in any order (kept sorted by pid); one per pid
     * @param exited    how many processes exited while they were read, and so are not here
     */
    public ProcessTable(List<ProcessSummary> processes, int exited) {
        List<ProcessSummary> sorted = new ArrayList<>(processes);
        sorted.sort(BY_PID);
        this.processes = Collections.unmodifiableList(sorted);
        this.exited = exited;
        this.byPid = new HashMap<>(sorted.size() * 2);
        for (ProcessSummary process : sorted) {
            if (byPid.put(process.pid(), process) != null) {
                throw new IllegalArgumentException("process " + process.pid() + " twice");
            }
        }
    }

    private static final java.util.Comparator<ProcessSummary> BY_PID = new java.util.Comparator<ProcessSummary>() {
        @Override
        public int compare(ProcessSummary a, ProcessSummary b) {
            return Integer.compare(a.pid(), b.pid());
        }
    };

    /** Every process listed, by pid: readable, denied, kernel threads and zombies alike. */
    public List<ProcessSummary> processes() {
        return processes;
    }

    /** How many processes exited between being listed and being read: skipped, and counted here. */
    public int exited() {
        return exited;
    }

    /** The process with this id, or null. */
    public ProcessSummary process(int pid) {
        return byPid.get(pid);
    }

    /** The processes whose parent is {@code pid}, by pid. */
    public List<ProcessSummary> children(int pid) {
        if (children == null) {
            Map<Integer, List<ProcessSummary>> map = new HashMap<>();
            for (ProcessSummary process : processes) {
                if (process.ppid() != process.pid()) {
                    map.computeIfAbsent(process.ppid(), k -> new ArrayList<>()).add(process);
                }
            }
            children = map;
        }
        return children.getOrDefault(pid, List.of());
    }

    /**
     * The processes that run the program {@code name} (byte text): whose executable's path or its last component,
     * or whose kernel name, is {@code name} ({@link ProcessSummary#runs}); kernel threads are no program. Found
     * wherever they are in the tree: a browser's crash handlers, re-parented to init, too. By pid.
     */
    public List<ProcessSummary> program(String name) {
        List<ProcessSummary> found = new ArrayList<>();
        for (ProcessSummary process : processes) {
            if (!process.kernelThread() && process.runs(name)) {
                found.add(process);
            }
        }
        return found;
    }

    /**
     * The process {@code pid} and all its descendants, parents before children, siblings by pid; empty when there
     * is no such process. Each process comes once, whatever the parent links say (a capture could hold a cycle).
     */
    public List<ProcessSummary> tree(int pid) {
        ProcessSummary root = byPid.get(pid);
        if (root == null) {
            return List.of();
        }
        List<ProcessSummary> found = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<ProcessSummary> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            ProcessSummary process = stack.pop();
            if (!seen.add(process.pid())) {
                continue;
            }
            found.add(process);
            List<ProcessSummary> kids = children(process.pid());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
        return found;
    }

    /**
     * The processes with these ids, in the order given, each once; the ids with no process are {@code missing}
     * (filled in by the call, in the order given).
     */
    public List<ProcessSummary> pids(int[] pids, List<Integer> missing) {
        List<ProcessSummary> found = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int pid : pids) {
            if (!seen.add(pid)) {
                continue;
            }
            ProcessSummary process = byPid.get(pid);
            if (process == null) {
                missing.add(pid);
            } else {
                found.add(process);
            }
        }
        return found;
    }
}
