package vmtool.sharing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.model.ShmSegment;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.proc.SmapsAhead;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;

/**
 * Several processes' address spaces read from /proc, each once (a thread id names its process), with the System V
 * segments they may attach. A process that exits before or while it is read is skipped and counted, one whose
 * mappings this user may not read is counted with what would show it; neither stops the others.
 *
 * @param spaces   the address spaces read, classified as anatomy classifies them, in the order asked
 * @param segments the System V segments by shmid
 * @param skipped  what could not be read
 */
public record ProcessesRead(List<AddressSpace> spaces, Map<Long, ShmSegment> segments, Skipped skipped) {

    /**
     * Reads these processes.
     *
     * @throws ProcException when /proc fails otherwise (malformed, an I/O error): the read as a whole cannot be
     *                       trusted
     */
    public static ProcessesRead of(ProcFs procFs, List<Integer> pids) throws ProcException {
        return of(procFs, pids, List.of());
    }

    /**
     * Reads these processes; {@code denied} are others that were chosen but are known to be unreadable already (a
     * process table said so), counted with them.
     */
    public static ProcessesRead of(ProcFs procFs, List<Integer> pids, List<Integer> denied) throws ProcException {
        List<AddressSpace> spaces = new ArrayList<>(pids.size());
        Skipped skipped = readEach(procFs, pids, denied, new java.util.function.Consumer<AddressSpace>() {
            @Override
            public void accept(AddressSpace space) {
                spaces.add(space);
            }
        });
        return new ProcessesRead(spaces, procFs.sysvSegments(), skipped);
    }

    /**
     * Reads these processes in their order, each once, and gives each to {@code each} as soon as it is read, so that
     * none is kept longer than the caller keeps it (a tree of processes of tens of thousands of mappings each did not
     * fit the heap together); what could not be read is counted in the result, with {@code denied}.
     *
     * @throws ProcException when /proc fails otherwise (malformed, an I/O error)
     */
    public static Skipped readEach(ProcFs procFs, List<Integer> pids, List<Integer> denied,
                                   java.util.function.Consumer<AddressSpace> each) throws ProcException {
        List<Integer> exited = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>(denied);
        Set<Integer> seen = new LinkedHashSet<>();
        // The next process's smaps is read ahead while this one's is parsed; each is closed once parsed or passed.
        SmapsAhead ahead = pids.isEmpty() ? null : procFs.smapsAhead(pids.get(0));
        try {
            for (int i = 0; i < pids.size(); i++) {
                SmapsAhead current = ahead;
                ahead = i + 1 < pids.size() ? procFs.smapsAhead(pids.get(i + 1)) : null;
                try (current) {
                    read(procFs, pids.get(i), current, seen, each, exited, unreadable);
                }
            }
        } finally {
            if (ahead != null) {
                ahead.close();
            }
        }
        return new Skipped(exited, unreadable, unreadable.isEmpty() ? "" : remedy(procFs));
    }

    /** Reads one process and gives it to {@code each}, or counts it as exited or unreadable. */
    private static void read(ProcFs procFs, int pid, SmapsAhead ahead, Set<Integer> seen,
                             java.util.function.Consumer<AddressSpace> each, List<Integer> exited,
                             List<Integer> unreadable) throws ProcException {
        try {
            Optional<ProcessInfo> found = procFs.process(pid);
            if (found.isEmpty()) {
                exited.add(pid);
                return;
            }
            ProcessInfo process = found.get();
            if (!seen.add(process.tgid())) {
                return;
            }
            AddressSpace space = procFs.addressSpace(process, procFs.facts(process), ahead);
            // The kernel ends the smaps of a process that exits while it is read without an error: what was
            // read may lack mappings, so it is not counted.
            if (procFs.exitedNote(process.tgid()).isPresent()) {
                exited.add(process.tgid());
                return;
            }
            each.accept(space);
        } catch (ProcException e) {
            switch (e.kind()) {
                case GONE -> exited.add(pid);
                case PERMISSION_DENIED -> unreadable.add(pid);
                default -> throw e;
            }
        }
    }

    /**
     * Reads each of these processes' mappings (smaps, not classified) and gives it to {@code each}, one at a time,
     * so that none is kept longer than the caller keeps it; what could not be read is counted in the result.
     *
     * @throws ProcException when /proc fails otherwise (malformed, an I/O error)
     */
    public static Skipped each(ProcFs procFs, List<ProcessSummary> processes,
                               java.util.function.Consumer<AddressSpace> each) throws ProcException {
        List<Integer> exited = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (ProcessSummary summary : processes) {
            if (summary.memory() == MemoryState.DENIED) {
                unreadable.add(summary.pid());
                continue;
            }
            if (summary.memory() != MemoryState.READ) {
                continue;
            }
            int pid = summary.pid();
            ProcessInfo process = new ProcessInfo(pid, pid, summary.cmdline(), summary.comm(), summary.state(),
                    summary.startStack());
            try {
                List<vmtool.model.Mapping> mappings = procFs.mappings(pid, true);
                if (procFs.exitedNote(pid).isPresent()) {
                    exited.add(pid);
                    continue;
                }
                each.accept(AddressSpace.of(process, "/proc/" + pid + "/smaps", false, mappings,
                        vmtool.model.ProcessFacts.NONE));
            } catch (ProcException e) {
                switch (e.kind()) {
                    case GONE -> exited.add(pid);
                    case PERMISSION_DENIED -> unreadable.add(pid);
                    default -> throw e;
                }
            }
        }
        return new Skipped(exited, unreadable, unreadable.isEmpty() ? "" : remedy(procFs));
    }

    /** What would show a process this user may not read. */
    static String remedy(ProcFs procFs) {
        try {
            return procFs.selfEffectiveUid() == 0 ? "" : "run as root (or as their user)";
        } catch (ProcException e) {
            return "run as root (or as their user)";
        }
    }
}
