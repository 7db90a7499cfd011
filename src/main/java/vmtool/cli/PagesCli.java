package vmtool.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.pages.PageReport;
import vmtool.source.SavedFile;
import vmtool.source.SourceException;
import vmtool.source.Sources;
import vmtool.pages.PageReader;
import vmtool.pages.PageSelection;
import vmtool.pages.Pages;
import vmtool.pages.PagesCsv;
import vmtool.pages.PagesJson;
import vmtool.pages.PagesText;
import vmtool.source.Source;
import vmtool.terminal.Screen;

/** {@code vmtool pages}: which pages of each mapping are really in RAM, swapped or never touched (docs/pages.md). */
final class PagesCli extends GetoptCli {
    static final String NAME = "vmtool pages";

    static final Getopt.Option RUNS = Getopt.Option.flag('r', "runs",
            "List each run of pages in one state (present, swapped, untouched, exclusive, file, zero, huge); for"
                    + " root, with their frame numbers and flags.");
    static final Getopt.Option FRAMES = Getopt.Option.flag('f', "frames",
            "Root: look each present page's frame up in /proc/kpageflags and /proc/kpagecount: frames mapped more"
                    + " than once (FRAMES>1), KSM pages, and the frames' flags (with --runs, each run's). Reads 16"
                    + " bytes more per present page: several times pagemap's cost.");
    static final Getopt.Option NO_SCAN = Getopt.Option.flag('\0', "no-scan",
            "Read pagemap alone, without the PAGEMAP_SCAN ioctl (as on kernels before 6.7): zero and huge pages"
                    + " are then known to root only.");

    /** Pages' own --file: only a snapshot that holds page states will do (a saved smaps has none). */
    static final Getopt.Option FILE = Getopt.Option.withArgument('\0', "file", "FILE",
            "Read a snapshot saved with 'vmtool pmap --json --pages PID' instead of a live process ('-' for standard"
                    + " input).").completes(Completion.FILES);

    static final CommandDef DEFINITION = new CommandDef("pages",
            List.of("Show the real state of each mapping's pages: how much is present in RAM (as smaps counts Rss),"
                            + " swapped, never touched, on the shared zero page, in huge pages, mapped by this"
                            + " process only or shared, of files or anonymous; then the totals per kind of region and"
                            + " for the process. Sizes in kB. For root, --runs shows frame numbers, and --frames the"
                            + " frames mapped more than once, KSM pages and the frames' flags.",
                    "With ADDRESS, only the mapping that holds it; with LOW-HIGH, only the pages of that range.",
                    "Reads /proc/PID/maps and /proc/PID/pagemap (with the PAGEMAP_SCAN ioctl on Linux 6.7 and"
                            + " later), and with --frames /proc/kpageflags and /proc/kpagecount. The process's owner"
                            + " may run it without root: everything but frame numbers and --frames. docs/pages.md says what each"
                            + " column means."),
            List.of(RUNS, FRAMES, NO_SCAN, FILE, SharedOptions.JSON, SharedOptions.CSV, HELP, VERSION),
            List.of(SharedOptions.PID_UNLESS_FILE,
                    new CommandDef.Operand("ADDRESS|LOW-HIGH", "0..*", "An address (its mapping), or a range"
                            + " LOW-HIGH (end exclusive), in hex with or without 0x.", Completion.NOTHING)),
            List.of("  vmtool pages 1234                   every mapping's pages, and the totals",
                    "  vmtool pages 1234 0x7f0562302e4c    the mapping that holds this address",
                    "  vmtool pages --runs 1234 7f0562300000-7f0562400000   runs of pages in a range",
                    "  vmtool pages --frames 1234          (root) shared frames, KSM pages, flags",
                    "  vmtool pages --json 1234            as JSON (docs/schema/pages.schema.json)",
                    "  vmtool pages --file p.json          a snapshot saved by pmap --json --pages"));

    PagesCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        boolean runs = parsed.has(RUNS);
        SharedOptions.checkOneFormat(parsed);
        if (csv && runs) {
            throw AnatomyCli.usage("--csv has one row per mapping; --runs lists runs only in text and --json");
        }
        List<String> operands = parsed.operands();
        String file = parsed.last(FILE, null);
        if (file != null) {
            return saved(file, operands, runs, json, csv);
        }
        if (operands.isEmpty()) {
            throw AnatomyCli.usage("a PID is missing: give a process id, e.g. 'vmtool pages 1234'");
        }
        Source.Live live;
        try {
            live = Source.process(operands.get(0));
        } catch (IllegalArgumentException e) {
            throw AnatomyCli.usage(e.getMessage());
        }
        // Every operand is checked before anything is read: a typo costs no /proc read.
        List<PageSelection.Ask> asks = new ArrayList<>();
        for (String operand : operands.subList(1, operands.size())) {
            try {
                asks.add(PageSelection.parse(operand));
            } catch (IllegalArgumentException e) {
                throw AnatomyCli.usage(e.getMessage());
            }
        }
        Pages.Result result;
        try {
            result = Pages.read(context.proc(), live.pid(), asks, new PageReader.Options(runs,
                    !parsed.has(NO_SCAN), parsed.has(FRAMES)));
        } catch (Pages.Failure e) {
            if (e.kind() == Pages.Failure.Kind.RUNS_TOO_MANY) {
                throw new VmtoolException(ExitCode.INPUT_FAILURE, HeapAdvice.runs(e.pages(),
                        Runtime.getRuntime().maxMemory()), e);
            }
            throw new VmtoolException(e.kind() == Pages.Failure.Kind.NOT_MAPPED ? ExitCode.DIFFERENT
                    : ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        String needsRoot = result.needsRoot();
        write(result.process(), result.report(), needsRoot, json, csv);
        if (needsRoot != null) {
            context.note(NAME + ": " + needsRoot);
        }
        return ExitCode.OK;
    }

    /** {@code --file}: every mapping of a snapshot made with {@code pmap --json --pages}, as it was then. */
    private int saved(String file, List<String> operands, boolean runs, boolean json, boolean csv)
            throws IOException {
        if (!operands.isEmpty()) {
            throw AnatomyCli.usage("--file FILE shows every mapping of the snapshot; a PID, ADDRESS or LOW-HIGH ('"
                    + operands.get(0) + "') needs a live process");
        }
        SavedFile saved;
        try {
            saved = new Sources(context.proc(), context.in(), context.err(), NAME).readWithMappings(new Source.Saved(file));
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        if (saved.pages() == null) {
            throw AnatomyCli.usage(new Source.Saved(file).displayName() + " is " + saved.kind().description()
                    + " without page states: save them with 'vmtool pmap --json --pages PID > FILE'");
        }
        AddressSpace space = saved.space();
        write(space.process(), saved.pages().report(space.process().pid(), space.regions(), runs), null, json, csv);
        return ExitCode.OK;
    }

    /** The report, written as it is made; CSV as the kernel's bytes (its names), the rest as UTF-8 (docs/json.md). */
    private void write(ProcessInfo process, PageReport report, String needsRoot, boolean json, boolean csv)
            throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(context.out(), csv ? StandardCharsets.ISO_8859_1
                : StandardCharsets.UTF_8), 1 << 16);
        if (csv) {
            PagesCsv.render(report, out);
        } else if (json) {
            PagesJson.render(process, report, needsRoot, out);
        } else {
            Screen screen = context.terminal().screen();
            new PagesText(screen == null ? 0 : screen.columns()).render(process, report, out);
        }
        out.flush();
    }
}
