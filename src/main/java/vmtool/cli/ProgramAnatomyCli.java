package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
import vmtool.source.Source;
import vmtool.terminal.Screen;

/**
 * {@code vmtool anatomy} of several processes together (docs/anatomy.md, "A program is many processes"): several
 * PIDs, {@code --program NAME} or {@code --tree PID}. The options are anatomy's ({@link AnatomyCli}).
 */
final class ProgramAnatomyCli {
    private ProgramAnatomyCli() {
    }

    /** The processes that the operands, --program or --tree name, and how they were chosen. */
    record Selection(String description, List<Integer> pids, List<Integer> unreadable) {
    }

    static int run(Context context, Getopt.Parsed parsed) throws IOException {
        if (parsed.has(AnatomyCli.JVM)) {
            throw AnatomyCli.usage("--jvm asks one JVM: give one PID with it");
        }
        if (parsed.last(SharedOptions.FILE, null) != null) {
            throw AnatomyCli.usage("--file with several processes reads a capture of 'vmtool ps --capture': not yet");
        }
        Selection selection = select(context, parsed, AnatomyCli.NAME);
        if (selection == null) {
            return ExitCode.NO_MATCH;
        }
        ProcessesRead read;
        try {
            read = ProcessesRead.of(context.proc(), selection.pids(), selection.unreadable());
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        ProgramAnatomy anatomy = ProgramAnatomy.of(selection.description(), "/proc", false, read.spaces(),
                read.segments(), read.skipped());
        return show(context, parsed, anatomy);
    }

    /**
     * The processes that several operands, {@code --program NAME} or {@code --tree PID} name (one of them); null
     * when --program names a program that no process runs (said on stderr).
     */
    static Selection select(Context context, Getopt.Parsed parsed, String command) {
        String program = parsed.last(AnatomyCli.PROGRAM, null);
        String tree = parsed.last(AnatomyCli.TREE, null);
        int ways = (program != null ? 1 : 0) + (tree != null ? 1 : 0) + (parsed.operands().isEmpty() ? 0 : 1);
        if (ways > 1) {
            throw AnatomyCli.usage("PIDs, --program and --tree each choose the processes: give one of them");
        }
        if (program == null && tree == null) {
            List<Integer> pids = new ArrayList<>(parsed.operands().size());
            StringBuilder description = new StringBuilder("PIDs");
            for (String operand : parsed.operands()) {
                int pid = pid(operand);
                pids.add(pid);
                description.append(' ').append(pid);
            }
            return new Selection(description.toString(), pids, List.of());
        }
        ProcessTable table = table(context);
        List<ProcessSummary> chosen;
        String description;
        if (program != null) {
            // The name as the kernel's bytes, as the table holds names: what the shell passed, in UTF-8.
            String name = ByteText.fromUnicode(program);
            chosen = table.program(name);
            description = "program " + name;
            if (chosen.isEmpty()) {
                context.err().println(command + ": no process runs the program '" + ByteText.shown(name)
                        + "' (its executable's path or file name, or its kernel name); 'vmtool ps --by program'"
                        + " lists the programs");
                return null;
            }
        } else {
            int pid = pid(tree);
            chosen = table.tree(pid);
            description = "tree of PID " + pid;
            if (chosen.isEmpty()) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "no process with PID " + pid + " (it may have"
                        + " exited); list processes with 'vmtool ps --tree'");
            }
        }
        List<Integer> pids = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (ProcessSummary process : chosen) {
            if (process.memory() == MemoryState.READ) {
                pids.add(process.pid());
            } else if (process.memory() == MemoryState.DENIED) {
                unreadable.add(process.pid());
            }
            // NO_MEMORY: a kernel thread or a zombie, which maps nothing.
        }
        return new Selection(description, pids, unreadable);
    }

    private static ProcessTable table(Context context) {
        try {
            return context.proc().processReader().table();
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
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
