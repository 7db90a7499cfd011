package vmtool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import vmtool.ExitCode;
import vmtool.output.Destination;
import vmtool.output.Destinations;
import vmtool.output.OutputFiles;
import vmtool.pmap.AddressRange;
import vmtool.pmap.Mode;
import vmtool.pmap.PidArguments;
import vmtool.pmap.Pmap;
import vmtool.pmap.PmapConfig;
import vmtool.pmap.RcFile;
import vmtool.proc.ProcFs;
import vmtool.source.SavedFile;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;

/**
 * {@code vmtool pmap}'s command line: read as procps pmap reads it (getopt_long, in order: {@code -h} or
 * {@code -V} acts where it stands, the first bad option stops everything), checked as procps checks it, then run.
 */
final class PmapCli extends GetoptCli {
    static final String NAME = "vmtool pmap";

    static final Getopt.Option EXTENDED = Getopt.Option.flag('x', "extended",
            "Show details: Kbytes, RSS, Dirty.");
    static final Getopt.Option MORE = Getopt.Option.flag('X', null,
            "Show even more details (smaps columns); -XX shows everything the kernel provides. The columns follow"
                    + " this kernel's /proc/PID/smaps.");
    static final Getopt.Option SUNOS = Getopt.Option.flag('r', null, "Ignored, for SunOS compatibility.").hide();
    static final Getopt.Option DEVICE = Getopt.Option.flag('d', "device",
            "Show the device format: offset and device.");
    static final Getopt.Option QUIET = Getopt.Option.flag('q', "quiet",
            "Do not display the column header and the footer.");
    static final Getopt.Option RANGE = Getopt.Option.withArgument('A', "range", "LOW[,HIGH]",
            "Limit the output to mappings that overlap this range of hex addresses (also --range=LOW[,HIGH]). LOW"
                    + " alone means LOW,LOW; an empty side is no limit; each -A sets only the bounds it gives.");
    static final Getopt.Option READ_RC = Getopt.Option.flag('c', "read-rc",
            "Read the columns from the default rc file, ~/.pmaprc.");
    static final Getopt.Option READ_RC_FROM = Getopt.Option.withArgument('C', "read-rc-from", "FILE",
            "Read the columns from FILE (also --read-rc-from=FILE).").completes(Completion.FILES);
    static final Getopt.Option CREATE_RC = Getopt.Option.flag('n', "create-rc",
            "Create a new default rc file, ~/.pmaprc.");
    static final Getopt.Option CREATE_RC_TO = Getopt.Option.withArgument('N', "create-rc-to", "FILE",
            "Create a new rc file FILE. No PID is allowed with -n or -N.").completes(Completion.FILES);
    static final Getopt.Option PAGES = Getopt.Option.flag('\0', "pages",
            "With --json: also each mapping's page states (present, swapped, untouched, zero, huge, exclusive,"
                    + " file, and the runs of pages in one state), read from pagemap (docs/pages.md); vmtool pages,"
                    + " anatomy --pages and map read them back with --file.");
    static final Getopt.Option SHOW_PATH = Getopt.Option.flag('p', "show-path",
            "Show the full path in the Mapping column.");
    static final Getopt.Option KERNEL_NAMES = Getopt.Option.flag('k', "use-kernel-name",
            "Use the kernel's names ([heap], [stack], [vdso], [anon:NAME]) in the default, -x and -d modes.");

    /**
     * vmtool pmap, defined once. The options are procps pmap's getopt table (4.0.2, with the later -k), in the
     * order its help lists them.
     */
    static final CommandDef DEFINITION = new CommandDef("pmap",
            List.of("Report the memory map of each process: byte for byte what procps-ng pmap 4.0.2 prints, with the"
                            + " fixes of later procps releases (per-process -X totals, -A in -X, -k).",
                    "Reads /proc/PID/maps (default, -d) or /proc/PID/smaps (-x, -X, -XX, -c, -C) once per process;"
                            + " with --file, a saved copy of either, or vmtool's JSON snapshot (--json).",
                    "--json writes a complete snapshot of one process (docs/json.md), --csv one row per mapping; both"
                            + " take one PID or --file, and none of the display options."),
            List.of(EXTENDED, MORE, READ_RC, READ_RC_FROM, CREATE_RC, CREATE_RC_TO, DEVICE, QUIET, SHOW_PATH,
                    KERNEL_NAMES, RANGE, SharedOptions.FILE, SharedOptions.JSON, PAGES, SharedOptions.CSV, SUNOS, HELP,
                    VERSION),
            List.of(new CommandDef.Operand("PID", "0..*", "Process ids, or /proc/PID (none with --file).",
                    Completion.PIDS)),
            List.of("  vmtool pmap 1234                  the memory map of process 1234",
                    "  vmtool pmap -X 1234               every smaps column of process 1234",
                    "  vmtool pmap -x -A 7f0000000000, 1234   RSS and dirty pages above an address",
                    "  vmtool pmap -C my.pmaprc 1234     columns chosen in my.pmaprc (see -N)",
                    "  vmtool pmap --json 1234 > s.json  a snapshot of process 1234 (docs/json.md)",
                    "  vmtool pmap -X --file s.json      the snapshot, as pmap -X showed the process",
                    "  vmtool pmap --json --pages 1234 > p.json  with page states, for pages --file"));

    PmapCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.PMAP_FAILURE, ExitCode.PMAP_FAILURE, context, helpPrinter);
    }

    /** A bad -A stops pmap where it stands, before a later -h or -V (procps parses it in its getopt loop). */
    @Override
    void checkWhereItStands(Getopt.Occurrence occurrence) {
        if (occurrence.option() == RANGE) {
            withRange(AddressRange.ALL, occurrence.argument());
        }
    }

    private static AddressRange withRange(AddressRange range, String argument) {
        try {
            return range.with(argument);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        Request request = new Request();
        for (Getopt.Occurrence occurrence : parsed.options()) {
            request.add(occurrence.option(), occurrence.argument(), context.err());
        }
        return request.run(parsed.operands());
    }

    /**
     * The options as procps's switch statement records them: flags set, -X counted, the last -C/-N kept, and each
     * -A setting only the bounds it spells out.
     */
    private final class Request {
        boolean extended;
        int more;
        boolean readRc;
        Path readRcFrom;
        boolean createRc;
        Path createRcTo;
        boolean device;
        boolean quiet;
        boolean showPath;
        boolean kernelNames;
        boolean ranged;
        AddressRange range = AddressRange.ALL;
        String file;
        boolean json;
        boolean csv;
        boolean pages;

        void add(Getopt.Option option, String argument, PrintWriter err) {
            if (option == EXTENDED) {
                extended = true;
            } else if (option == MORE) {
                more++;
            } else if (option == SUNOS) {
                err.println(NAME + ": option -r is ignored (SunOS compatibility)");
            } else if (option == DEVICE) {
                device = true;
            } else if (option == QUIET) {
                quiet = true;
            } else if (option == RANGE) {
                range = withRange(range, argument);
                ranged = true;
            } else if (option == SharedOptions.FILE) {
                file = argument;
            } else if (option == SharedOptions.JSON) {
                json = true;
            } else if (option == SharedOptions.CSV) {
                csv = true;
            } else if (option == PAGES) {
                pages = true;
            } else if (option == READ_RC) {
                readRc = true;
            } else if (option == READ_RC_FROM) {
                readRcFrom = Path.of(argument);
            } else if (option == CREATE_RC) {
                createRc = true;
            } else if (option == CREATE_RC_TO) {
                createRcTo = Path.of(argument);
            } else if (option == SHOW_PATH) {
                showPath = true;
            } else if (option == KERNEL_NAMES) {
                kernelNames = true;
            } else {
                throw new IllegalStateException("option " + option.display() + " has no meaning here");
            }
        }

        int run(List<String> pids) throws IOException {
            PrintWriter err = context.err();
            int modes = count(readRc) + count(readRcFrom != null) + count(device) + count(createRc)
                    + count(createRcTo != null) + count(extended) + count(more > 0);
            if (modes > 1) {
                throw usage("options -c, -C, -d, -n, -N, -x, -X are mutually exclusive: choose one");
            }
            boolean creating = createRc || createRcTo != null;
            if (pages && !json) {
                throw usage("--pages adds page states to the JSON snapshot: give it with --json");
            }
            if (json || csv) {
                return export(pids, modes > 0 || quiet || showPath || kernelNames || ranged);
            }
            if (file != null && creating) {
                throw usage("option --file cannot be used with -n, -N, which only create an rc file");
            }
            if (creating && (quiet || showPath)) {
                throw usage("options -p, -q cannot be used with -n, -N");
            }
            if (creating && !pids.isEmpty()) {
                throw usage("no PID is allowed with -n or -N, which only create an rc file");
            }
            if (creating) {
                createRcFile(createRcTo != null ? createRcTo : defaultRcFile(), createRcTo != null);
                return ExitCode.OK;
            }
            if (file != null) {
                if (!pids.isEmpty()) {
                    throw usage("--file FILE takes no PID ('" + pids.get(0) + "' given): show either a saved file"
                            + " or processes");
                }
                RcFile rc = readRc ? readRcFile(defaultRcFile()) : readRcFrom != null ? readRcFile(readRcFrom) : null;
                PmapConfig config = new PmapConfig(mode(rc), quiet, showPath ^ (rc != null && rc.togglesShowPath()),
                        kernelNames, range, rc == null ? Set.of() : rc.fields());
                SavedFile saved = readSaved();
                err.flush();
                return new Pmap(context.proc(), config, context.env(), context.clock()).runSaved(saved, context.out(), err);
            }
            if (pids.isEmpty()) {
                throw usage("a PID is missing: give one or more process ids, e.g. 'vmtool pmap 1234'");
            }
            RcFile rc = null;
            if (readRc || readRcFrom != null) {
                rc = readRcFile(readRcFrom != null ? readRcFrom : defaultRcFile());
            }
            PidArguments arguments;
            try {
                arguments = PidArguments.parse(pids);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (arguments.pids().isEmpty()) {
                throw new VmtoolException(ExitCode.PMAP_FAILURE, "no numeric PID was given ('"
                        + String.join("', '", arguments.skipped()) + "' name none): give ids, e.g. 1234 or /proc/1234");
            }
            for (String skipped : arguments.skipped()) {
                err.println(NAME + ": '" + skipped + "' is not /proc/ and a numeric PID; it is skipped");
            }
            PmapConfig config = new PmapConfig(mode(rc), quiet, showPath ^ (rc != null && rc.togglesShowPath()),
                    kernelNames, range, rc == null ? Set.of() : rc.fields());
            err.flush();
            return new Pmap(context.proc(), config, context.env(), context.clock()).run(arguments.pids(), context.out(), err);
        }

        /** --json or --csv: one process or one saved file, everything in it, no display option. */
        private int export(List<String> pids, boolean displayOptions) throws IOException {
            String option = json ? "--json" : "--csv";
            if (json && csv) {
                throw usage("options --json and --csv are mutually exclusive: choose one");
            }
            if (displayOptions) {
                throw usage("option " + option + " writes every mapping with every field; it takes none of -x, -X,"
                        + " -d, -c, -C, -n, -N, -q, -p, -k, -A");
            }
            PmapConfig config = new PmapConfig(Mode.MORE, false, false, false, AddressRange.ALL, Set.of());
            if (file != null) {
                if (!pids.isEmpty()) {
                    throw usage("--file FILE takes no PID ('" + pids.get(0) + "' given)");
                }
                SavedFile saved = readSaved();
                if (saved.empty()) {
                    throw new VmtoolException(ExitCode.PMAP_FAILURE, saved.emptyLine());
                }
                if (pages && saved.pages() == null) {
                    throw usage(new Source.Saved(file).displayName() + " is " + saved.kind().description()
                            + " without page states: --pages needs a live PID (or a snapshot made with --pages)");
                }
                return new Pmap(context.proc(), config, context.env(), context.clock()).exportSaved(saved, json,
                        context.out());
            }
            if (pids.size() != 1) {
                throw usage(option + " takes one PID (or --file FILE), not " + pids.size());
            }
            Source.Live live;
            try {
                live = Source.process(pids.get(0));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            return new Pmap(context.proc(), config, context.env(), context.clock()).export(live.pid(), json, pages,
                    context.out(), context.err());
        }

        private SavedFile readSaved() {
            try {
                return new Sources(context.proc(), context.in()).readSaved(new Source.Saved(file));
            } catch (SourceException e) {
                throw new VmtoolException(ExitCode.PMAP_FAILURE, e.getMessage());
            }
        }

        private Mode mode(RcFile rc) {
            if (rc != null) {
                return Mode.RC;
            }
            if (more == 1) {
                return Mode.MORE;
            }
            if (more > 1) {
                return Mode.ALL;
            }
            if (extended) {
                return Mode.EXTENDED;
            }
            return device ? Mode.DEVICE : Mode.DEFAULT;
        }

    }

    /** pmap names its rc file after itself in $HOME (not Java's user.home): vmtool shares pmap's ~/.pmaprc. */
    private Path defaultRcFile() {
        String home = context.env("HOME");
        if (home == null || home.isEmpty()) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "HOME is not set, so ~/.pmaprc cannot be found;"
                    + " set HOME or name the file with -C/-N FILE");
        }
        return Path.of(home, ".pmaprc");
    }

    private RcFile readRcFile(Path file) {
        if (Files.isDirectory(file)) {
            // procps opens a directory, reads nothing (EISDIR) and goes on as with an empty rc file.
            context.err().println(NAME + ": " + file + " is a directory, read as an empty rc file (as procps does):"
                    + " no column but the address is shown");
            return RcFile.parse("");
        }
        RcFile rc;
        try (InputStream in = Files.newInputStream(file)) {
            rc = RcFile.read(in);
        } catch (IOException e) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "cannot read the rc file " + file + " ("
                    + reason(e) + "); create one with 'vmtool pmap -N " + file + "'");
        }
        for (String warning : rc.warnings()) {
            context.err().println(NAME + ": " + file + ": " + warning);
        }
        return rc;
    }

    /**
     * Creates the rc file as procps does (never over an existing one, mode 0666 less the umask), but through
     * {@link Destinations}: no link that another user owns is followed, nothing is made in a directory that
     * others can change.
     */
    private void createRcFile(Path file, boolean named) {
        String exists = file + " already exists: delete or rename it first";
        try {
            Destination destination = Destinations.forThisProcess().resolve(file.toString());
            if (!(destination instanceof Destination.File rc)) {
                throw new VmtoolException(ExitCode.PMAP_FAILURE, exists);
            }
            OutputFiles.createNew(rc, RcFile.TEMPLATE.getBytes(StandardCharsets.ISO_8859_1));
        } catch (FileAlreadyExistsException e) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, exists);
        } catch (IOException e) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "cannot create the rc file " + file + " ("
                    + OutputFile.reason(e) + ")");
        }
        context.err().println(NAME + ": created " + file + "; uncomment the columns you want, then use"
                + (named ? " -C " + file : " -c"));
    }

    /** Why the rc file could not be read, from the exception's type (and the system's reason, which it carries). */
    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : OutputFile.reason(e);
    }

    private static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.PMAP_FAILURE, message);
    }

    private static int count(boolean option) {
        return option ? 1 : 0;
    }
}
