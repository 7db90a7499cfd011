package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import vmtool.ExitCode;
import vmtool.proc.ProcException;
import vmtool.sharing.ProcessesRead;
import vmtool.sharing.ProgramAnatomy;
import vmtool.sharing.ProgramCsv;
import vmtool.sharing.ProgramJson;
import vmtool.sharing.ProgramText;
import vmtool.source.Source;
import vmtool.terminal.Screen;

/**
 * {@code vmtool anatomy} of several processes together (docs/anatomy.md, "A program is many processes"): several
 * PIDs. The options are anatomy's ({@link AnatomyCli}).
 */
final class ProgramAnatomyCli {
    private ProgramAnatomyCli() {
    }

    /** The anatomy of the processes these operands name. */
    static int run(Context context, Getopt.Parsed parsed, List<String> operands) throws IOException {
        if (parsed.has(AnatomyCli.JVM)) {
            throw AnatomyCli.usage("--jvm asks one JVM: give one PID with it");
        }
        List<Integer> pids = new ArrayList<>(operands.size());
        for (String operand : operands) {
            try {
                pids.add(Source.process(operand).pid());
            } catch (IllegalArgumentException e) {
                throw AnatomyCli.usage(e.getMessage());
            }
        }
        ProcessesRead read;
        try {
            read = ProcessesRead.of(context.proc(), pids);
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        StringBuilder selection = new StringBuilder(pids.size() == 1 ? "PID" : "PIDs");
        for (int pid : pids) {
            selection.append(' ').append(pid);
        }
        ProgramAnatomy anatomy = ProgramAnatomy.of(selection.toString(), "/proc", false, read.spaces(),
                read.segments(), read.skipped());
        return show(context, parsed, anatomy);
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
