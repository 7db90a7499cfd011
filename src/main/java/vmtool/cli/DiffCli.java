package vmtool.cli;

import java.io.IOException;
import java.util.List;

import vmtool.ExitCode;
import vmtool.diff.Diff;
import vmtool.diff.DiffRenderers;
import vmtool.diff.Differ;
import vmtool.model.AddressSpace;
import vmtool.proc.ProcFs;
import vmtool.source.SavedFile;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;
import vmtool.terminal.Screen;

/** {@code vmtool diff A B}: what changed between two snapshots of an address space (docs/watch-diff.md). */
final class DiffCli extends GetoptCli {
    static final String NAME = "vmtool diff";

    static final CommandDef DEFINITION = new CommandDef("diff",
            List.of("Compare two snapshots of an address space: list the mappings added and removed, those whose"
                            + " Size, Rss, Pss, Dirty or Swap (kB) changed, with the change, and the totals of each"
                            + " kind of region before, after and the change.",
                    "A and B are vmtool's JSON snapshots (vmtool pmap --json PID) or saved copies of"
                            + " /proc/PID/smaps, in any mix. Mappings are matched by their range and name first,"
                            + " then by name and kind where a range moved, grew or was split (docs/watch-diff.md"
                            + " gives the rules)."),
            List.of(SharedOptions.JSON, SharedOptions.CSV, HELP, VERSION),
            List.of(new CommandDef.Operand("A", "1", "The earlier snapshot ('-' for standard input).", Completion.FILES),
                    new CommandDef.Operand("B", "1", "The later snapshot ('-' for standard input, not for both).", Completion.FILES)),
            List.of("  vmtool pmap --json 1234 > before.json   a snapshot now (after.json later)",
                    "  vmtool diff before.json after.json     what changed in process 1234",
                    "  vmtool diff --json before.json after.json   as JSON",
                    "  vmtool diff old.smaps new.smaps       two saved /proc/PID/smaps"));

    DiffCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        SharedOptions.checkOneFormat(parsed);
        List<String> files = parsed.operands();
        if (files.size() != 2) {
            throw AnatomyCli.usage("two snapshots A and B, not " + files.size()
                    + (files.isEmpty() ? "" : " ('" + String.join("', '", files) + "')")
                    + ", e.g. 'vmtool diff before.json after.json'");
        }
        if (files.get(0).equals("-") && files.get(1).equals("-")) {
            throw AnatomyCli.usage("standard input ('-') can be only one of A and B");
        }
        Sources sources = new Sources(context.proc(), context.in());
        SecondRead second = new SecondRead(sources, files.get(1));
        second.start();
        AddressSpace before = read(sources, files.get(0));
        AddressSpace after = second.space();
        Diff diff = Differ.diff(before, after);
        if (csv) {
            AnatomyCli.writeCsv(context.out(), DiffRenderers.csv(diff));
        } else {
            Screen screen = context.terminal().screen();
            AnatomyCli.write(context.out(), json ? DiffRenderers.json(diff)
                    : DiffRenderers.text(diff, screen == null ? 0 : screen.columns()));
        }
        return diff.differs() ? ExitCode.DIFFERENT : ExitCode.OK;
    }

    /**
     * Reads B on a thread of its own while this one reads A: on two cores the two reads of a pair of
     * 60,000-mapping snapshots take about the time of one (docs/performance.md). A's failure is said first, as
     * when they were read one after the other; what B's read threw is thrown again where its space is taken.
     */
    private static final class SecondRead extends Thread {
        private final Sources sources;
        private final String file;
        private AddressSpace space;
        private Throwable failure;

        SecondRead(Sources sources, String file) {
            super("vmtool diff: read B");
            setDaemon(true);
            this.sources = sources;
            this.file = file;
        }

        @Override
        public void run() {
            try {
                space = read(sources, file);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** B's space, once read. */
        AddressSpace space() {
            boolean interrupted = false;
            while (isAlive()) {
                try {
                    join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return space;
        }
    }

    private static AddressSpace read(Sources sources, String file) {
        SavedFile saved;
        try {
            saved = sources.readSaved(new Source.Saved(file));
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        if (saved.empty()) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, saved.emptyLine());
        }
        if (!saved.space().hasFields()) {
            throw AnatomyCli.usage(new Source.Saved(file).displayName() + " is " + saved.kind().description()
                    + ", which has no Rss, Pss, Dirty or Swap: diff needs vmtool's JSON (vmtool pmap --json PID)"
                    + " or a saved /proc/PID/smaps");
        }
        return saved.space();
    }
}
