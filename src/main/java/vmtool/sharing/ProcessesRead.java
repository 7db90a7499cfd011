package vmtool.sharing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.model.ShmSegment;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.proc.TwoWorkers;
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
     * process table said so), counted with them. Who each process is comes first, one at a time (a thread id names
     * its process, read once); then their mappings are read and classified on two threads ({@link TwoWorkers}),
     * each into its place, so that what is shown and counted is in the order asked whoever read it.
     */
    public static ProcessesRead of(ProcFs procFs, List<Integer> pids, List<Integer> denied) throws ProcException {
        int count = pids.size();
        ProcessInfo[] processes = new ProcessInfo[count];
        AddressSpace[] read = new AddressSpace[count];
        // Why a process could not be read: it is gone, or this user may not read it (else the read as a whole fails).
        ProcException[] failed = new ProcException[count];
        boolean[] again = new boolean[count];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            try {
                Optional<ProcessInfo> found = procFs.process(pids.get(i));
                if (found.isPresent()) {
                    again[i] = !seen.add(found.get().tgid());
                    processes[i] = again[i] ? null : found.get();
                }
            } catch (ProcException e) {
                failed[i] = e;
            }
        }
        ReadSpace task = new ReadSpace(procFs, processes, read, failed);
        Throwable[] broken = TwoWorkers.run(count, task, task);
        List<AddressSpace> spaces = new ArrayList<>(count);
        List<Integer> exited = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>(denied);
        for (int i = 0; i < count; i++) {
            int pid = pids.get(i);
            if (broken[i] != null) {
                // A failure of another kind: the read as a whole cannot be trusted (the first in order, as when
                // they were read one after another).
                TwoWorkers.rethrowFirst(broken);
            }
            if (failed[i] != null) {
                switch (failed[i].kind()) {
                    case GONE -> exited.add(pid);
                    case PERMISSION_DENIED -> unreadable.add(pid);
                    default -> throw failed[i];
                }
            } else if (read[i] != null) {
                spaces.add(read[i]);
            } else if (processes[i] != null) {
                // The kernel ends the smaps of a process that exits while it is read without an error: what was
                // read may lack mappings, so it is not counted.
                exited.add(processes[i].tgid());
            } else if (!again[i]) {
                // Gone before it was looked at (a thread id whose process was read already is that process, once).
                exited.add(pid);
            }
        }
        return new ProcessesRead(spaces, procFs.sysvSegments(),
                new Skipped(exited, unreadable, unreadable.isEmpty() ? "" : remedy(procFs)));
    }

    /**
     * Reads one process's address space into its place, classified; none when it exited meanwhile. A process that
     * has gone or may not be read is noted in its place too; any other failure ends the read.
     */
    private record ReadSpace(ProcFs procFs, ProcessInfo[] processes, AddressSpace[] read, ProcException[] failed)
            implements TwoWorkers.Task {
        @Override
        public void run(int index) throws ProcException {
            ProcessInfo process = processes[index];
            if (process == null) {
                return;
            }
            try {
                AddressSpace space = procFs.addressSpace(process, true, procFs.facts(process));
                if (procFs.exitedNote(process.tgid()).isEmpty()) {
                    // Classified here, on this thread, rather than later by the first reader of the regions.
                    space.regions();
                    read[index] = space;
                }
            } catch (ProcException e) {
                if (e.kind() != ProcException.Kind.GONE && e.kind() != ProcException.Kind.PERMISSION_DENIED) {
                    throw e;
                }
                failed[index] = e;
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
