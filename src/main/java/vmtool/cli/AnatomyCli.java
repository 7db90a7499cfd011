package vmtool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import vmtool.ExitCode;
import vmtool.anatomy.Anatomy;
import vmtool.anatomy.CsvRenderer;
import vmtool.anatomy.JsonRenderer;
import vmtool.anatomy.PagesSection;
import vmtool.anatomy.TextRenderer;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.pages.PageReport;
import vmtool.pages.Pages;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;
import vmtool.source.SpaceReader;
import vmtool.terminal.Screen;

/** {@code vmtool anatomy}: an address space summed up by kind of region (docs/anatomy.md). */
final class AnatomyCli extends GetoptCli {
    static final String NAME = "vmtool anatomy";

    static final Getopt.Option EXPLAIN = Getopt.Option.flag('e', "explain",
            "Give each kind's meaning (a MEANING column), also when the output is not a terminal; on a terminal"
                    + " it is given anyway.");
    static final Getopt.Option DETAIL = Getopt.Option.flag('d', "detail",
            "List every mapping too: range, permissions, kind, sizes and name.");
    static final Getopt.Option JVM = Getopt.Option.flag('\0', "jvm",
            "For a HotSpot JVM, ask it (with the jcmd of the JDK vmtool runs on, never the target's; same user"
                    + " or root) where its Java heap, class space, metaspace, code cache and collector's data are,"
                    + " and name them; at most 10 s.");

    static final Getopt.Option PROGRAM = Getopt.Option.withArgument('\0', "program", "NAME",
            "Every process of the program NAME together: each whose executable's path or file name, or whose"
                    + " kernel name (comm), is NAME, wherever it is in the process tree.");
    static final Getopt.Option TREE = Getopt.Option.withArgument('\0', "tree", "PID",
            "The process PID and all its descendants together.").completes(Completion.PIDS);
    static final Getopt.Option PAGES = Getopt.Option.flag('\0', "pages",
            "Also read the process's pagemap and show, per kind, how much is really present in RAM, swapped, never"
                    + " touched, on the zero page, in huge pages, exclusive or shared (vmtool pages' columns;"
                    + " docs/pages.md); with --file, the page states of a snapshot made with pmap --json --pages.");

    static final CommandDef DEFINITION = new CommandDef("anatomy",
            List.of("Sum up an address space by kind of region: for each kind, the number of mappings and their"
                            + " Size, Rss, Pss, Dirty (Shared_Dirty + Private_Dirty) and Swap in kB; then the number"
                            + " of kinds, the span of the address space and its largest unmapped gap, the stacks with"
                            + " their threads, deleted files and hugetlb mappings.",
                    "Reads /proc/PID/smaps, /proc/PID/exe and /proc/PID/task, or a saved smaps or maps file"
                            + " (--file). docs/anatomy.md says how each kind is recognised.",
                    "Several PIDs, --program NAME or --tree PID take processes together, as one program: each"
                            + " process's sums with its USS (private memory), the kinds summed over them all (RSS"
                            + " summed counts a shared page in each process, PSS divides it between them), and each"
                            + " object they share (file, library, memfd, shared anonymous memory, System V or POSIX"
                            + " shm) once, with the processes that map it. --file FILE then reads a capture made by"
                            + " 'vmtool ps --capture'."),
            List.of(SharedOptions.FILE, PROGRAM, TREE, EXPLAIN, DETAIL, JVM, PAGES, SharedOptions.JSON,
                    SharedOptions.CSV, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "0..*", "A process id, or /proc/PID (not with --file); several"
                    + " are taken together, as one program.", Completion.PIDS)),
            List.of("  vmtool anatomy 1234                 the kinds of region of process 1234",
                    "  vmtool anatomy --detail 1234        ... and every mapping with its kind",
                    "  vmtool anatomy --jvm $(pgrep -n java)  the newest JVM's own regions named",
                    "  vmtool anatomy --file saved.smaps   a saved /proc/PID/smaps",
                    "  vmtool anatomy --csv 1234           one CSV row per kind",
                    "  vmtool anatomy 1234 1240 1251       three processes together, as one program",
                    "  vmtool anatomy --program chromium   every process of a program, anywhere",
                    "  vmtool anatomy --tree 1234          a process and its descendants"));

    AnatomyCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String file = parsed.last(SharedOptions.FILE, null);
        boolean explain = parsed.has(EXPLAIN);
        boolean detail = parsed.has(DETAIL);
        boolean jvm = parsed.has(JVM);
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        SharedOptions.checkOneFormat(parsed);
        if (parsed.operands().size() > 1 || parsed.has(PROGRAM) || parsed.has(TREE)) {
            return ProgramAnatomyCli.run(context, parsed);
        }
        if (file != null && !parsed.operands().isEmpty()) {
            throw usage("--file FILE and a PID exclude each other: give one ('" + parsed.operands().get(0) + "')");
        }
        if (csv && detail) {
            throw usage("--csv has one row per kind; --detail lists mappings only in text and --json");
        }
        boolean pages = parsed.has(PAGES);
        Source source = source(file, parsed.operands(), jvm, "vmtool anatomy 1234");
        SpaceReader.Read read = readSpace(context, source, jvm, NAME);
        Anatomy anatomy = Anatomy.of(read.space(), read.jvmNote(), read.jvmUnnamed());
        PageReport report = !pages ? null : file == null ? readPages(context, read.space())
                : savedPages(read, file);
        String text;
        if (json) {
            text = JsonRenderer.render(anatomy, detail, report);
        } else if (csv) {
            text = CsvRenderer.render(anatomy, report);
        } else {
            // On a terminal the meanings are given anyway, and every line fits its width.
            Screen screen = context.terminal().screen();
            int columns = screen == null ? 0 : screen.columns();
            text = new TextRenderer(explain || screen != null, detail, columns).render(anatomy);
            if (report != null) {
                text += "\n" + PagesSection.text(report, columns);
            }
        }
        if (csv) {
            // The notes have no place among the kinds' rows: the one that changes what the rows count goes to stderr.
            noteUnplacedStacks(context, read.space(), NAME);
            writeCsv(context.out(), text);
        } else {
            write(context.out(), text);
        }
        return ExitCode.OK;
    }

    /**
     * The source that --file or the first operand names: a saved file, or a process.
     *
     * @param example a command line that works, for the message when nothing is named
     */
    static Source source(String file, List<String> operands, boolean jvm, String example) {
        if (file != null) {
            if (jvm) {
                throw usage("--jvm asks a live JVM: a saved file cannot be asked");
            }
            return new Source.Saved(file);
        }
        if (operands.isEmpty()) {
            throw usage("a PID is missing: give a process id or --file FILE, e.g. '" + example + "'");
        }
        try {
            return Source.process(operands.get(0));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * CSV, whose names are byte text: written as the kernel's bytes, as pmap's CSV writes them (docs/json.md), the
     * rest being ASCII.
     */
    static void writeCsv(OutputStream out, String csv) throws IOException {
        out.write(ByteText.bytes(csv));
        out.flush();
    }

    /**
     * The address space that anatomy and where explain, read in this run's context; a --jvm that could not be had
     * is said on stderr (the regions stay anonymous), a source that cannot be read is the input failure.
     */
    static SpaceReader.Read readSpace(Context context, Source source, boolean jvm, String command) {
        Sources sources = new Sources(context.proc(), context.in(), context.err(), command);
        SpaceReader.Read read;
        try {
            read = new SpaceReader(context.proc(), sources).read(source, jvm);
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        if (read.jvmNote() != null) {
            context.note(command + ": --jvm: " + read.jvmNote()
                    + "; the JVM's regions are shown as anonymous and reserved");
        }
        return read;
    }

    /**
     * The pages of every region of a live address space (anatomy --pages): its kinds' columns need no frame, so
     * nothing is hidden from a user on their own process; a pagemap that cannot be read is the input failure.
     */
    static PageReport readPages(Context context, AddressSpace space) {
        try {
            return Pages.ofRegions(context.proc(), space.process(), space.regions(), false);
        } catch (Pages.Failure e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }

    /** The page states a snapshot holds, as a report on its regions; a file without them is a usage error. */
    static PageReport savedPages(SpaceReader.Read read, String file) {
        if (read.pages() == null) {
            throw usage(ByteText.shownUnicode(file) + " holds no page states: save them with 'vmtool pmap --json"
                    + " --pages PID > FILE', or give a PID");
        }
        return read.pages().report(read.space().process().pid(), read.space().regions());
    }

    /**
     * Says on stderr how many threads' stacks could not be told by their stack pointers, for an output that has no
     * notes of its own (anatomy's CSV, where, map): their stacks may be counted as anonymous.
     */
    static void noteUnplacedStacks(Context context, AddressSpace space, String command) {
        String note = space.unplacedStacks().note();
        if (note != null) {
            context.note(command + ": note: " + note);
        }
    }

    static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.USAGE, message);
    }
}
