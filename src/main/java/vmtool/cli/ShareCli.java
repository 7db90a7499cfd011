package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.ProcessInfo;
import vmtool.pages.PageReader;
import vmtool.proc.ProcException;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.sharing.ObjectUse;
import vmtool.sharing.ProcessesRead;
import vmtool.sharing.Share;
import vmtool.sharing.ShareJson;
import vmtool.sharing.ShareText;
import vmtool.sharing.Skipped;
import vmtool.source.Capture;
import vmtool.source.ProcessSource;
import vmtool.source.SourceException;
import vmtool.source.Source;
import vmtool.terminal.Screen;

/** {@code vmtool share}: what a process (or a program) maps that other processes map too (docs/anatomy.md). */
final class ShareCli extends GetoptCli {
    static final String NAME = "vmtool share";

    static final Getopt.Option DETAIL = Getopt.Option.flag('d', "detail",
            "Name every other process that maps each object, not only the first " + ShareText.NAMED + ".");

    static final Getopt.Option CAPTURE = Getopt.Option.withArgument('\0', "file", "FILE",
            "Read a capture made by 'vmtool ps --capture FILE' (on this machine or another) instead of the live"
                    + " processes ('-' for standard input).").completes(Completion.FILES);

    static final CommandDef DEFINITION = new CommandDef("share",
            List.of("Show what a process, or every process of a program (--program NAME), maps that other processes"
                            + " map too, and which: files and libraries, memfd, shared anonymous"
                            + " memory, System V and POSIX shared memory, hugetlb files, matched by device and inode"
                            + " (a System V segment's inode is its shmid). For each: its size, what the process"
                            + " holds of it (RSS, PSS), how many other processes map it, and which.",
                    "As root, the physical frames are compared too (/proc/PID/pagemap): SAME_FRAMES says how many"
                            + " of the process's resident pages of an object are frames another process maps: the"
                            + " same file is not always the same memory (a private copy after a write).",
                    "Reads /proc/PID/smaps of every process this user may read; those it may not are counted. A"
                            + " capture (--file) has no frames."),
            List.of(CAPTURE, AnatomyCli.PROGRAM, DETAIL, SharedOptions.JSON, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "0..1", "A process id, or /proc/PID.", Completion.PIDS)),
            List.of("  vmtool share 1234                  what process 1234 shares, and with whom",
                    "  vmtool share --program chromium    what a program's processes share",
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
        ProcessSource source = ProgramAnatomyCli.source(context, parsed.last(CAPTURE, null));
        ProcessTable table = ProgramAnatomyCli.table(source);
        String where = source.saved() ? " in " + ByteText.shownUnicode(source.name()) : "";
        List<ProcessSummary> targets;
        String selection;
        if (program != null) {
            String name = ByteText.fromUnicode(program);
            targets = table.program(name);
            selection = "program " + name;
            if (targets.isEmpty()) {
                context.err().println(ProgramAnatomyCli.noSuchProgram(NAME, program, where));
                return ExitCode.NO_MATCH;
            }
        } else {
            int pid = pid(parsed.operands().get(0));
            ProcessSummary target = table.process(pid);
            if (target == null) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "no process with PID " + pid + where + " (it may"
                        + " have exited); list processes with 'vmtool ps'");
            }
            if (!target.readable()) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, "cannot read the mappings of process " + pid
                        + (target.kernelThread() ? ": a kernel thread maps nothing" : ": permission denied; run as"
                        + " root (or as its user)"));
            }
            targets = List.of(target);
            selection = "process " + pid;
        }
        Share share = read(context, source, table, targets, selection);
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

    /** The targets read whole, then every other process one at a time (live) or as the capture has them. */
    private static Share read(Context context, ProcessSource source, ProcessTable table,
                              List<ProcessSummary> targets, String selection) {
        List<Integer> denied = new ArrayList<>();
        List<ProcessSummary> readable = new ArrayList<>();
        Set<Integer> targetPids = new HashSet<>();
        for (ProcessSummary target : targets) {
            targetPids.add(target.pid());
            if (target.readable()) {
                readable.add(target);
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
        if (source instanceof Capture capture) {
            // Read once, front to back: the targets' smaps come in the capture's order among the others', so
            // every readable process is read and kept (the targets) or counted at once (the others) afterwards.
            List<ProcessSummary> all = new ArrayList<>(readable);
            List<Integer> othersDenied = new ArrayList<>();
            for (ProcessSummary other : others) {
                if (other.readable()) {
                    all.add(other);
                } else if (other.memory() == vmtool.programs.MemoryState.DENIED) {
                    othersDenied.add(other.pid());
                }
            }
            // The others come before and after the targets: each is kept only as what it holds of each object it
            // maps (its anonymous memory dropped, its mappings of one object summed) until the targets are known.
            record Other(ProcessInfo process, List<ObjectUse> uses) {
            }
            List<AddressSpace> targetSpaces = new ArrayList<>();
            List<Other> otherUses = new ArrayList<>();
            List<ProcessSummary> lacking = new ArrayList<>();
            try {
                Set<Integer> otherPids = new HashSet<>();
                for (ProcessSummary other : all) {
                    if (!targetPids.contains(other.pid())) {
                        otherPids.add(other.pid());
                    }
                }
                capture.eachAddressSpace(all, otherPids, space -> {
                    if (targetPids.contains(space.process().pid())) {
                        targetSpaces.add(space);
                    } else {
                        otherUses.add(new Other(space.process(), ObjectUse.ofOther(space.mappings())));
                    }
                }, lacking);
            } catch (SourceException e) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
            }
            Share.Builder builder = new Share.Builder(targetSpaces);
            for (Other other : otherUses) {
                builder.other(other.process(), other.uses());
            }
            List<ProcessSummary> targetsLacking = new ArrayList<>();
            List<ProcessSummary> othersLacking = new ArrayList<>();
            for (ProcessSummary process : lacking) {
                (targetPids.contains(process.pid()) ? targetsLacking : othersLacking).add(process);
            }
            return builder.build(selection, source.name(), true, Map.of(),
                    ProgramAnatomyCli.capturedSkipped(source, List.of(), denied, targetsLacking),
                    ProgramAnatomyCli.capturedSkipped(source, List.of(), othersDenied, othersLacking));
        }
        List<Integer> pids = new ArrayList<>();
        for (ProcessSummary target : readable) {
            pids.add(target.pid());
        }
        try {
            ProcessesRead read = ProgramAnatomyCli.read(context, pids, denied);
            Share.Builder builder = new Share.Builder(read.spaces());
            Skipped othersSkipped = ProcessesRead.each(context.proc(), others, builder::other);
            Share share = builder.build(selection, source.name(), false, read.segments(), read.skipped(),
                    othersSkipped);
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
