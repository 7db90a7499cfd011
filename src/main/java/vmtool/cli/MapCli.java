package vmtool.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import vmtool.ExitCode;
import vmtool.map.HtmlMap;
import vmtool.map.SvgMap;
import vmtool.map.Residency;
import vmtool.map.TerminalMap;
import vmtool.pages.PageReader;
import vmtool.pages.Pages;
import vmtool.model.AddressSpace;
import vmtool.output.Content;
import vmtool.output.Destination;
import vmtool.proc.ProcFs;
import vmtool.source.SavedFile;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;
import vmtool.terminal.Screen;
import vmtool.terminal.Terminal;

/** {@code vmtool map}: a picture of one address space, as an HTML page, an SVG, or lines on the terminal. */
final class MapCli extends GetoptCli {
    static final Getopt.Option HTML = Getopt.Option.withArgument('\0', "html", "FILE",
            "Write the map as one self-contained HTML page to FILE ('-' for standard output): hover, zoom, filter by"
                    + " kind.").completes(Completion.FILES);
    static final Getopt.Option SVG = Getopt.Option.withArgument('\0', "svg", "FILE",
            "Write the map as a static SVG picture to FILE ('-' for standard output), for slides and reports.")
            .completes(Completion.FILES);

    static final CommandDef DEFINITION = new CommandDef("map",
            List.of("Draw the address space of a process, or of a saved smaps, maps or JSON file: every mapping from"
                            + " the lowest address to the highest, coloured by kind, its resident part shaded, each"
                            + " unmapped gap a break marked with its size.",
                    "With --html or --svg it writes that picture to FILE (replacing a file that is there, but only once"
                            + " the whole picture is written; a FIFO, a terminal or /dev/stdout is written in place)."
                            + " With neither, it draws the map on the terminal: one"
                            + " line per run of adjacent regions of one kind, in colour unless NO_COLOR is set; plain"
                            + " text when standard output is not a terminal. docs/map.md explains the scale and the"
                            + " colours."),
            List.of(SharedOptions.FILE, HTML, SVG, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "0..1", "A process id, or /proc/PID (or give --file).",
                    Completion.PIDS)),
            List.of("  vmtool map 1234                     the map of process 1234 on the terminal",
                    "  vmtool map 1234 --html map.html     a page to open in a browser",
                    "  vmtool map --file saved.smaps --svg map.svg  a picture of a saved file"));

    MapCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String file = parsed.last(SharedOptions.FILE, null);
        String html = parsed.last(HTML, null);
        String svg = parsed.last(SVG, null);
        Source source = source(parsed.operands(), file);
        if (html != null && html.isEmpty() || svg != null && svg.isEmpty()) {
            throw usage("--html and --svg need a file name ('-' for standard output)");
        }
        // Found before the input is read: a refused output costs no read of the process.
        Destination htmlDestination = html == null ? null : OutputFile.destination(html);
        Destination svgDestination = svg == null ? null : OutputFile.destination(svg);
        if (htmlDestination instanceof Destination.StandardOutput
                && svgDestination instanceof Destination.StandardOutput) {
            throw usage("--html and --svg cannot both go to standard output: give one of them a FILE");
        }
        AddressSpace space;
        Residency residency;
        try {
            Sources sources = new Sources(context.proc(), context.in(), context.err(), "vmtool map");
            if (source instanceof Source.Saved saved) {
                // A snapshot made with pmap --json --pages holds where the pages were; other files do not.
                SavedFile read = sources.readWithMappings(saved);
                space = read.space();
                residency = read.pages() == null ? null
                        : Residency.of(read.pages().report(space.process().pid(), space.regions()));
            } else {
                space = sources.read(source, true);
                residency = residency(space);
            }
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        // The pictures have no notes: how many threads' stacks no stack pointer placed is said on stderr.
        AnatomyCli.noteUnplacedStacks(context, space, "vmtool map");
        if (html != null) {
            write(html, htmlDestination, out -> HtmlMap.write(space, residency, out));
        }
        if (svg != null) {
            write(svg, svgDestination, out -> SvgMap.write(space, residency, out));
        }
        if (html == null && svg == null) {
            Terminal terminal = context.terminal();
            TerminalMap.Style style = !terminal.drawable() ? TerminalMap.Style.PLAIN
                    : terminal.colourWanted() ? TerminalMap.Style.COLOUR : TerminalMap.Style.BLOCKS;
            Screen screen = terminal.screen();
            int columns = screen == null ? 0 : screen.columns();
            writeStandardOutput(out -> TerminalMap.write(space, style, columns, residency, out));
        }
        return ExitCode.OK;
    }

    /**
     * Where a live process's pages really are, from its pagemap; null, with a line on stderr, when it cannot be read
     * (a kernel without pagemap, the process gone): each region's Rss is then shaded from its start.
     */
    private Residency residency(AddressSpace space) {
        try {
            Residency residency = new Residency(PageReader.systemPageSize());
            Pages.ofRegions(context.proc(), space.process(), space.regions(), true, residency);
            return residency;
        } catch (Pages.Failure e) {
            if (context.proc().exitedNote(space.process().tgid()).isPresent()) {
                return null; // the exit was said already, with what it means for the picture
            }
            context.note("vmtool map: the pages were not read (" + e.getMessage() + "): each region's"
                    + " resident part is shaded from its start");
            return null;
        }
    }

    private static Source source(List<String> operands, String file) {
        if (operands.size() > 1) {
            throw usage("one PID, not " + operands.size() + " ('" + String.join("', '", operands)
                    + "'): map draws one address space");
        }
        if (file != null && !operands.isEmpty()) {
            throw usage("give a PID or --file FILE, not both");
        }
        if (file != null) {
            if (file.isEmpty()) {
                throw usage("--file needs a file name ('-' for standard input)");
            }
            return new Source.Saved(file);
        }
        if (operands.isEmpty()) {
            throw usage("the PID is missing: give a process id, e.g. 'vmtool map $$', or --file FILE");
        }
        try {
            return Source.process(operands.get(0));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void write(String file, Destination destination, Content content) throws IOException {
        if (destination instanceof Destination.StandardOutput) {
            writeStandardOutput(content);
        } else {
            OutputFile.write(file, destination, content);
        }
    }

    /** Through the command's stream, never reopened: {@code >> log} appends, and a pipe works. */
    private void writeStandardOutput(Content content) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), 1 << 16);
        content.writeTo(out);
        out.flush();
    }

    private static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.USAGE, message);
    }
}
