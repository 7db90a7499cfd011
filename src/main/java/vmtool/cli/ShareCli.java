package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import vmtool.ExitCode;
import vmtool.model.ByteText;
import vmtool.pages.PageReader;
import vmtool.proc.ProcException;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.sharing.ProcessesRead;
import vmtool.sharing.Share;
import vmtool.sharing.ShareJson;
import vmtool.sharing.ShareText;
import vmtool.sharing.Skipped;
import vmtool.source.Source;
import vmtool.terminal.Screen;

/** {@code vmtool share}: what a process (or a program) maps that other processes map too (docs/anatomy.md). */
final class ShareCli extends GetoptCli {
    static final String NAME = "vmtool share";

    static final Getopt.Option DETAIL = Getopt.Option.flag('d', "detail",
            "Name every other process that maps each object, not only the first " + ShareText.NAMED + ".");

    static final CommandDef DEFINITION = new CommandDef("share",
            List.of("For a process, or every process of a program (--program NAME), each object it maps that other"
                            + " processes map too, with those processes: files and libraries, memfd, shared anonymous"
                            + " memory, System V and POSIX shared memory, hugetlb files, matched by device and inode"
                            + " (a System V segment's inode is its shmid). For each: its size, what the process"
                            + " holds of it (RSS, PSS), how many other processes map it, and which.",
                    "As root, the physical frames are compared too (/proc/PID/pagemap): SAME_FRAMES says how many"
                            + " of the process's resident pages of an object are frames another process maps: the"
                            + " same file is not always the same memory (a private copy after a write).",
                    "Reads /proc/PID/smaps of every process this user may read; those it may not are counted."),
            List.of(AnatomyCli.PROGRAM, DETAIL, SharedOptions.JSON, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "0..1", "A process id, or /proc/PID.", Completion.PIDS)),
            List.of("0:What the process shares was shown.",
                    "1:--program NAME: no process runs the program NAME.",
                    "2:Usage error.",
                    "4:The process could not be read (no such process, permission denied)."),
            List.of("  vmtool share 1234                  what process 1234 shares, and with whom",
                    "  vmtool share --program chromium    what a program's processes share with others",
                    "  vmtool share --json 1234           the same as JSON"));

    ShareCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String program = parsed.last(AnatomyCli.PROGRAM, null);
        if (program != null && !parsed.operands().isEmpty()) {
            throw usage("a PID and --program each choose the process: give one of them");
        }
        if (program == null && parsed.operands().size() != 1) {
            throw usage(parsed.operands().isEmpty() ? "a PID is missing: give a process id or --program NAME, e.g."
                    + " 'vmtool share 1234'" : "one PID, not " + parsed.operands().size());
        }
        ProcessTable table;
        try {
            table = context.proc().processReader().table();
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        List<ProcessSummary> targets;
        String selection;
        if (program != null) {
            String name = ByteText.fromUnicode(program);
            targets = table.program(name);
            selection = "program " + name;
            if (targets.isEmpty()) {
                context.err().println(NAME + ": no process runs the program '" + ByteText.shown(name) + "' (its"
                        + " executable's path or file name, or its kernel name); 'vmtool ps --by program' lists the"
                        + " programs");
                return ExitCode.NO_MATCH;
            }
        } else {
            int pid = pid(parsed.operands().get(0));
            ProcessSummary target = table.process(pid);
            if (target == null) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "no process with PID " + pid + " (it may have"
                        + " exited); list processes with 'vmtool ps'");
            }
            if (!target.readable()) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "cannot read the mappings of process " + pid
                        + (target.kernelThread() ? ": a kernel thread maps nothing" : ": permission denied; run as"
                        + " root (or as its user)"));
            }
            targets = List.of(target);
            selection = "process " + pid;
        }
        Share share = read(context, table, targets, selection);
        if (share.targets().isEmpty()) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, "none of the processes of " + ByteText.shown(selection)
                    + " could be read" + (share.skipped().isEmpty() ? "" : ": "
                    + share.skipped().lines().get(0)));
        }
        if (parsed.has(SharedOptions.JSON)) {
            AnatomyCli.write(context.out(), ShareJson.render(share));
        } else {
            Screen screen = context.terminal().screen();
            AnatomyCli.write(context.out(), new ShareText(parsed.has(DETAIL), screen == null ? 0 : screen.columns())
                    .render(share));
        }
        return ExitCode.OK;
    }

    /** The targets read whole, then every other process one at a time. */
    private static Share read(Context context, ProcessTable table, List<ProcessSummary> targets, String selection) {
        List<Integer> pids = new ArrayList<>();
        List<Integer> denied = new ArrayList<>();
        Set<Integer> targetPids = new HashSet<>();
        for (ProcessSummary target : targets) {
            targetPids.add(target.pid());
            if (target.readable()) {
                pids.add(target.pid());
            } else if (!target.kernelThread()) {
                denied.add(target.pid());
            }
        }
        List<ProcessSummary> others = new ArrayList<>();
        for (ProcessSummary process : table.processes()) {
            if (!targetPids.contains(process.pid()) && !process.kernelThread()) {
                others.add(process);
            }
        }
        try {
            ProcessesRead read = ProcessesRead.of(context.proc(), pids, denied);
            Share.Builder builder = new Share.Builder(read.spaces());
            Skipped skipped = read.skipped().plus(ProcessesRead.each(context.proc(), others, builder::other));
            Share share = builder.build(selection, "/proc", false, read.segments(), skipped);
            // Frames are shown to root only: to anyone else pagemap reads 0 for every frame.
            return context.proc().selfEffectiveUid() != 0 ? share
                    : share.withFrames(builder.frames(context.proc(), PageReader.systemPageSize()));
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    private static int pid(String operand) {
        try {
            return Source.process(operand).pid();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.USAGE, message);
    }
}
