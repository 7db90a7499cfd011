package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vmtool.ExitCode;
import vmtool.model.ByteText;
import vmtool.proc.ProcException;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.sharing.ProcessesRead;
import vmtool.sharing.ProgramAnatomy;
import vmtool.sharing.ProgramCsv;
import vmtool.sharing.ProgramJson;
import vmtool.sharing.ProgramText;
import vmtool.sharing.Skipped;
import vmtool.source.Capture;
import vmtool.source.LiveProcesses;
import vmtool.source.ProcessSource;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.terminal.Screen;

/**
 * {@code vmtool anatomy} of several processes together (docs/anatomy.md, "A program is many processes"): several
 * PIDs, {@code --program NAME} or {@code --tree PID}, live or from a capture of {@code vmtool ps --capture}
 * ({@code --file}). The options are anatomy's ({@link AnatomyCli}).
 */
final class ProgramAnatomyCli {
    private ProgramAnatomyCli() {
    }

    /**
     * Processes chosen from a process table.
     *
     * @param description how they were chosen, for people
     * @param chosen      the processes, those with no memory to read (kernel threads, zombies) left out
     * @param missing     PIDs asked for that the table does not have
     */
    record Selection(String description, List<ProcessSummary> chosen, List<Integer> missing) {
        /**
         * The chosen processes whose memory can be read (or is yet to be tried: a live table read without it), and
         * (into {@code denied}) those it cannot.
         */
        List<ProcessSummary> readable(List<Integer> denied) {
            List<ProcessSummary> readable = new ArrayList<>();
            for (ProcessSummary process : chosen) {
                if (process.memory() == MemoryState.READ || process.memory() == MemoryState.SKIPPED) {
                    readable.add(process);
                } else if (process.memory() == MemoryState.DENIED) {
                    denied.add(process.pid());
                }
            }
            return readable;
        }
    }

    static int run(Context context, Getopt.Parsed parsed) throws IOException {
        if (parsed.has(AnatomyCli.JVM)) {
            throw AnatomyCli.usage("--jvm asks one JVM: give one PID with it");
        }
        String file = parsed.last(SharedOptions.FILE, null);
        if (file == null && !parsed.has(AnatomyCli.PROGRAM) && !parsed.has(AnatomyCli.TREE)) {
            return show(context, parsed, livePids(context, parsed.operands()));
        }
        ProcessSource source = source(context, file);
        // Live, the table only chooses: the chosen processes' smaps are read next (and tell whether they can be),
        // so no process's smaps_rollup is read for it (each a walk of its page tables: most of a machine's ps).
        Selection selection = select(context, parsed, source.saved() ? table(source) : table(source, NO_MEMORY),
                source, AnatomyCli.NAME);
        if (selection == null) {
            return ExitCode.NO_MATCH;
        }
        List<Integer> denied = new ArrayList<>();
        List<ProcessSummary> readable = selection.readable(denied);
        ProgramAnatomy anatomy;
        if (!source.saved()) {
            List<Integer> pids = new ArrayList<>(readable.size());
            for (ProcessSummary process : readable) {
                pids.add(process.pid());
            }
            List<ProgramAnatomy.Part> parts = new ArrayList<>(pids.size());
            Skipped skipped = new Skipped(selection.missing(), List.of(), "").plus(readParts(context, pids, denied,
                    parts));
            anatomy = ProgramAnatomy.ofParts(selection.description(), source.name(), false, parts,
                    sysvSegments(context), skipped);
        } else {
            List<ProcessSummary> lacking = new ArrayList<>();
            List<ProgramAnatomy.Part> parts = captured((Capture) source, readable, lacking);
            anatomy = ProgramAnatomy.ofParts(selection.description(), source.name(), true, parts, Map.of(),
                    capturedSkipped(source, selection.missing(), denied, lacking));
        }
        return show(context, parsed, anatomy);
    }

    /** Several PIDs of live processes, read directly (no process table needed). */
    private static ProgramAnatomy livePids(Context context, List<String> operands) {
        List<Integer> pids = new ArrayList<>(operands.size());
        StringBuilder description = new StringBuilder("PIDs");
        for (String operand : operands) {
            int pid = pid(operand);
            pids.add(pid);
            description.append(' ').append(pid);
        }
        List<ProgramAnatomy.Part> parts = new ArrayList<>(pids.size());
        Skipped skipped = readParts(context, pids, List.of(), parts);
        return ProgramAnatomy.ofParts(description.toString(), "/proc", false, parts, sysvSegments(context), skipped);
    }

    /**
     * The parts of these live processes into {@code parts}, each counted as it is read and then dropped: the
     * processes of a tree may have tens of thousands of mappings each.
     */
    private static Skipped readParts(Context context, List<Integer> pids, List<Integer> denied,
                                     List<ProgramAnatomy.Part> parts) {
        try {
            return ProcessesRead.readEach(context.proc(), pids, denied,
                    new java.util.function.Consumer<vmtool.model.AddressSpace>() {
                        @Override
                        public void accept(vmtool.model.AddressSpace space) {
                            parts.add(ProgramAnatomy.part(space));
                        }
                    });
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    private static Map<Long, vmtool.model.ShmSegment> sysvSegments(Context context) {
        try {
            return context.proc().sysvSegments();
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    static ProcessesRead read(Context context, List<Integer> pids, List<Integer> denied) {
        try {
            return ProcessesRead.of(context.proc(), pids, denied);
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    /** The live /proc, or the capture {@code file} (of {@code vmtool ps --capture}) when given. */
    static ProcessSource source(Context context, String file) {
        return file != null ? new Capture(file, context.in()) : new LiveProcesses(context.proc(), PsCli.PASSWD);
    }

    static ProcessTable table(ProcessSource source) {
        return table(source, null);
    }

    /** No process's memory: {@link ProcessSource#table(java.util.function.Predicate)} takes none. */
    private static final java.util.function.Predicate<ProcessSummary> NO_MEMORY =
            new java.util.function.Predicate<ProcessSummary>() {
                @Override
                public boolean test(ProcessSummary process) {
                    return false;
                }
            };

    /** The table; the memory only of the processes that {@code wanted} takes (null: every process's). */
    static ProcessTable table(ProcessSource source, java.util.function.Predicate<ProcessSummary> wanted) {
        try {
            return wanted == null ? source.table() : source.table(wanted);
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    /**
     * The parts of these processes as captured, in their order; those the capture lacks go into {@code lacking}.
     * Each process is counted as it is read and only its part kept: the capture's order is not theirs (a tree's is
     * parents first), and a capture may hold a process of tens of thousands of mappings among a hundred others.
     */
    static List<ProgramAnatomy.Part> captured(Capture capture, List<ProcessSummary> processes,
                                              List<ProcessSummary> lacking) {
        Map<Integer, ProgramAnatomy.Part> parts = new java.util.HashMap<>();
        try {
            capture.eachAddressSpace(processes, space -> parts.put(space.process().pid(),
                    ProgramAnatomy.part(space)), new ArrayList<>());
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        List<ProgramAnatomy.Part> ordered = new ArrayList<>(parts.size());
        for (ProcessSummary process : processes) {
            ProgramAnatomy.Part part = parts.get(process.pid());
            if (part == null) {
                lacking.add(process);
            } else {
                ordered.add(part);
            }
        }
        return ordered;
    }

    /**
     * What a capture could not show: PIDs it does not have (they had gone), and processes whose memory it could
     * not read or lacks (captured by a user who was not root: capturing as root would show them).
     */
    static Skipped capturedSkipped(ProcessSource source, List<Integer> missing, List<Integer> denied,
                                   List<ProcessSummary> lacking) {
        List<Integer> unreadable = new ArrayList<>(denied);
        for (ProcessSummary process : lacking) {
            unreadable.add(process.pid());
        }
        return new Skipped(missing, unreadable, unreadable.isEmpty() || source.readAsRoot() ? ""
                : "capture as root");
    }

    /**
     * The processes of the table that several operands, {@code --program NAME} or {@code --tree PID} name (one of
     * them); null when --program names a program that no process runs (said on stderr).
     */
    static Selection select(Context context, Getopt.Parsed parsed, ProcessTable table, ProcessSource source,
                            String command) {
        String program = parsed.last(AnatomyCli.PROGRAM, null);
        String tree = parsed.last(AnatomyCli.TREE, null);
        int ways = (program != null ? 1 : 0) + (tree != null ? 1 : 0) + (parsed.operands().isEmpty() ? 0 : 1);
        if (ways > 1) {
            throw AnatomyCli.usage("PIDs, --program and --tree each choose the processes: give one of them");
        }
        if (ways == 0) {
            throw AnatomyCli.usage("--file with a capture needs the processes: PIDs, --program NAME or --tree PID");
        }
        String where = source.saved() ? " in " + ByteText.shownUnicode(source.name()) : "";
        if (program != null) {
            // The name as the kernel's bytes, as the table holds names: what the shell passed, in UTF-8.
            String name = ByteText.fromUnicode(program);
            List<ProcessSummary> chosen = table.program(name);
            if (chosen.isEmpty()) {
                context.err().println(noSuchProgram(command, program, where));
                return null;
            }
            return new Selection("program " + name, chosen, List.of());
        }
        if (tree != null) {
            int pid = pid(tree);
            List<ProcessSummary> chosen = table.tree(pid);
            if (chosen.isEmpty()) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "no process with PID " + pid + where + " (it may"
                        + " have exited); list processes with 'vmtool ps --tree'");
            }
            return new Selection("tree of PID " + pid, chosen, List.of());
        }
        int[] pids = new int[parsed.operands().size()];
        StringBuilder description = new StringBuilder("PIDs");
        for (int i = 0; i < pids.length; i++) {
            pids[i] = pid(parsed.operands().get(i));
            description.append(' ').append(pids[i]);
        }
        List<Integer> missing = new ArrayList<>();
        List<ProcessSummary> chosen = table.pids(pids, missing);
        return new Selection(description.toString(), chosen, missing);
    }

    /** The line that says that no process runs the program {@code program} (as given), {@code where}. */
    static String noSuchProgram(String command, String program, String where) {
        return command + ": no process runs the program '" + ByteText.shownUnicode(program) + "'" + where
                + " (its executable's path or file name, or its kernel name)" + lostBytes(program)
                + "; 'vmtool ps --by program' lists the programs";
    }

    /**
     * Why a name given as an argument may match nothing though a process has it: Java reads arguments in the
     * locale's encoding, and bytes that are not valid in it come through as U+FFFD, a name no process has.
     */
    static String lostBytes(String argument) {
        return argument.indexOf('\uFFFD') < 0 ? "" : " (the name given has bytes that are not valid "
                + System.getProperty("sun.jnu.encoding") + ", which reach vmtool only as U+FFFD)";
    }

    private static int pid(String operand) {
        try {
            return Source.process(operand).pid();
        } catch (IllegalArgumentException e) {
            throw AnatomyCli.usage(e.getMessage());
        }
    }

    /** Writes the anatomy as the options ask; status 4 when none of the processes could be read. */
    static int show(Context context, Getopt.Parsed parsed, ProgramAnatomy anatomy) throws IOException {
        boolean detail = parsed.has(AnatomyCli.DETAIL);
        if (parsed.has(SharedOptions.JSON)) {
            AnatomyCli.write(context.out(), ProgramJson.render(anatomy, detail));
        } else if (parsed.has(SharedOptions.CSV)) {
            AnatomyCli.writeCsv(context.out(), ProgramCsv.render(anatomy, detail));
        } else {
            Screen screen = context.terminal().screen();
            AnatomyCli.write(context.out(), new ProgramText(parsed.has(AnatomyCli.EXPLAIN) || screen != null,
                    detail, screen == null ? 0 : screen.columns()).render(anatomy));
        }
        if (anatomy.processes().isEmpty()) {
            context.err().println(AnatomyCli.NAME + ": none of the processes could be read");
            return ExitCode.INPUT_FAILURE;
        }
        return ExitCode.OK;
    }
}
