package vmtool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vmtool.ExitCode;
import vmtool.capture.CaptureWriter;
import vmtool.model.ByteText;
import vmtool.output.Destination;
import vmtool.programs.ProcessTable;
import vmtool.programs.UserNames;
import vmtool.ps.PsCsv;
import vmtool.ps.PsJson;
import vmtool.ps.PsOptions;
import vmtool.ps.PsReport;
import vmtool.ps.PsText;
import vmtool.source.Capture;
import vmtool.source.LiveProcesses;
import vmtool.source.ProcessSource;
import vmtool.source.SourceException;
import vmtool.terminal.Screen;

/** {@code vmtool ps}: every process with its memory, one smaps_rollup read each (docs/ps.md). */
final class PsCli extends GetoptCli {
    static final String NAME = "vmtool ps";
    /** Where user names come from on this machine. */
    static final Path PASSWD = Path.of("/etc/passwd");

    static final Getopt.Option SORT = Getopt.Option.withArgument('s', "sort", "KEY",
            "Order rows by KEY: pss (the default), rss, uss, swap, mappings (largest first), or pid, name, user.")
            .completes(Completion.words(sortKeys()));
    static final Getopt.Option BY = Getopt.Option.withArgument('b', "by", "WHAT",
            "One row per program (its executable: every process of a browser, wherever it sits in the tree,"
                    + " with their count) or per user.").completes(Completion.words(List.of("program", "user")));
    static final Getopt.Option TREE = Getopt.Option.flag('t', "tree",
            "Show processes under their parents, indented (siblings in --sort order).");
    static final Getopt.Option NAME_FILTER = Getopt.Option.withArgument('n', "name", "NAME",
            "Only processes that run NAME: their executable's path or file name, or their kernel name (comm)."
                    + " Repeat for several.");
    static final Getopt.Option USER = Getopt.Option.withArgument('u', "user", "USER",
            "Only processes of USER (a name or a uid; the effective user). Repeat for several.")
            .completes(Completion.USERS);
    static final Getopt.Option CAPTURE = Getopt.Option.withArgument('\0', "capture", "FILE",
            "Save every process (its ids, names, command line, smaps_rollup and smaps) into FILE, to be read later,"
                    + " maybe on another machine, with --file (docs/ps.md). Prints nothing else.")
            .completes(Completion.FILES);
    static final Getopt.Option CAPTURE_FILE = Getopt.Option.withArgument('\0', "file", "FILE",
            "Read a capture made by 'vmtool ps --capture' instead of /proc ('-' for standard input).")
            .completes(Completion.FILES);

    static final CommandDef DEFINITION = new CommandDef("ps",
            List.of("List every process this user may read (all of them as root) with its memory: mappings, Swap,"
                            + " USS (Private_Clean + Private_Dirty: what only it uses), PSS (each shared page split"
                            + " between the processes that map it) and RSS, in kB, sorted by PSS, with totals. Summed"
                            + " RSS counts a shared page once per process; summed PSS is the real use.",
                    "Reads per process /proc/PID/stat, status, cmdline, the exe link's text, smaps_rollup once, and"
                            + " counts the lines of maps. A process whose memory this user may not read is counted"
                            + " on a line of its own, never left out silently; kernel threads and zombies have no"
                            + " memory and are not listed."),
            List.of(SORT, BY, TREE, NAME_FILTER, USER, SharedOptions.JSON, SharedOptions.CSV, CAPTURE, CAPTURE_FILE,
                    HELP, VERSION),
            List.of(),
            List.of("  vmtool ps                        every process, largest PSS first",
                    "  vmtool ps --by program           one row per program, with its process count",
                    "  vmtool ps --name chromium --tree  a program's processes under their parents",
                    "  vmtool ps --user postgres --json  one user's processes as JSON",
                    "  vmtool ps --capture all.cap      save every process, for --file later",
                    "  vmtool ps --file all.cap --by user  read a capture back"));

    PsCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    private static List<String> sortKeys() {
        List<String> keys = new ArrayList<>();
        for (PsOptions.Sort sort : PsOptions.Sort.values()) {
            keys.add(sort.id());
        }
        return keys;
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        String capture = parsed.last(CAPTURE, null);
        String file = parsed.last(CAPTURE_FILE, null);
        if (!parsed.operands().isEmpty()) {
            throw usage("ps takes no operand ('" + parsed.operands().get(0) + "'): to choose processes use --name"
                    + " or --user");
        }
        SharedOptions.checkOneFormat(parsed);
        if (capture != null) {
            if (file != null || json || csv || parsed.has(SORT) || parsed.has(BY) || parsed.has(TREE)
                    || parsed.has(NAME_FILTER) || parsed.has(USER)) {
                throw usage("--capture saves every process as it is, and takes no other option");
            }
            return capture(capture);
        }
        PsOptions.Sort sort = PsOptions.Sort.PSS;
        if (parsed.has(SORT)) {
            sort = PsOptions.Sort.of(parsed.last(SORT, null));
            if (sort == null) {
                throw usage("--sort takes one of " + PsOptions.Sort.ids() + ", not '" + parsed.last(SORT, null)
                        + "'");
            }
        }
        PsOptions.By by = PsOptions.By.PROCESS;
        if (parsed.has(BY)) {
            String what = parsed.last(BY, null);
            by = what.equals("program") ? PsOptions.By.PROGRAM : what.equals("user") ? PsOptions.By.USER : null;
            if (by == null) {
                throw usage("--by takes program or user, not '" + what + "'");
            }
        }
        boolean tree = parsed.has(TREE);
        if (tree && by != PsOptions.By.PROCESS) {
            throw usage("--tree shows processes; with --by " + by.id() + " a row is a group: choose one");
        }
        ProcessSource source = file != null ? new Capture(file, context.in())
                : new LiveProcesses(context.proc(), PASSWD);
        List<String> names = new ArrayList<>();
        for (String name : values(parsed, NAME_FILTER)) {
            names.add(ByteText.fromUnicode(name));
        }
        ProcessTable table;
        PsOptions options;
        try {
            if (source.saved()) {
                // A capture names its users: it is read first.
                table = source.table();
                options = new PsOptions(by, tree, sort, names, uids(parsed, source));
            } else {
                // Only the processes the filters take have their memory read.
                options = new PsOptions(by, tree, sort, names, uids(parsed, source));
                table = source.table(PsReport.takenBy(options));
            }
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
        UserNames users = source.users();
        List<Integer> uids = options.uids();
        PsReport report = PsReport.of(table, options, users, source.name(), source.saved(), source.readAsRoot());
        if ((!names.isEmpty() || !uids.isEmpty()) && report.rows().isEmpty() && report.denied().isEmpty()) {
            context.err().println(NAME + ": no process " + filterText(parsed) + (source.saved() ? " in "
                    + ByteText.shownUnicode(source.name()) : "") + "; list them all with 'vmtool ps'");
            return ExitCode.NO_MATCH;
        }
        if (json) {
            AnatomyCli.write(context.out(), PsJson.render(report));
        } else if (csv) {
            AnatomyCli.writeCsv(context.out(), PsCsv.render(report));
            // No room in CSV for what is not shown: it goes to stderr.
            StringBuilder notes = new StringBuilder();
            PsText.notes(report, notes);
            for (String line : notes.toString().split("\n")) {
                if (!line.isEmpty()) {
                    context.err().println(NAME + ": " + line);
                }
            }
            context.err().flush();
        } else {
            Screen screen = context.terminal().screen();
            AnatomyCli.write(context.out(), PsText.render(report, screen == null ? 0 : screen.columns()));
        }
        return ExitCode.OK;
    }

    /** The uids that --user names, by the source's user names. */
    private static List<Integer> uids(Getopt.Parsed parsed, ProcessSource source) {
        UserNames users = source.users();
        List<Integer> uids = new ArrayList<>();
        for (String user : values(parsed, USER)) {
            long uid = users.uid(user);
            if (uid < 0) {
                throw usage("no user '" + ByteText.shownUnicode(user) + "' on " + (source.saved()
                        ? "the machine of the capture" : "this machine") + ": give a user name or a uid");
            }
            uids.add((int) uid);
        }
        return uids;
    }

    private static String filterText(Getopt.Parsed parsed) {
        List<String> parts = new ArrayList<>();
        List<String> names = values(parsed, NAME_FILTER);
        if (!names.isEmpty()) {
            parts.add("runs " + ByteText.shownUnicode(String.join(" or ", names))
                    + " (as executable path, file name or kernel name)"
                    + ProgramAnatomyCli.lostBytes(String.join(" ", names)));
        }
        List<String> users = values(parsed, USER);
        if (!users.isEmpty()) {
            parts.add("belongs to " + ByteText.shownUnicode(String.join(" or ", users)));
        }
        return String.join(" and ", parts);
    }

    private static List<String> values(Getopt.Parsed parsed, Getopt.Option option) {
        List<String> values = new ArrayList<>();
        for (Getopt.Occurrence occurrence : parsed.options()) {
            if (occurrence.option() == option) {
                values.add(occurrence.argument());
            }
        }
        return values;
    }

    private int capture(String file) {
        Destination destination = OutputFile.destination(file);
        if (destination instanceof Destination.StandardOutput) {
            throw usage("--capture writes a file: give its name (standard output is not taken, so that a capture"
                    + " never lands on a terminal)");
        }
        CaptureWriter writer = new CaptureWriter(context.proc(), LiveProcesses.readUsers(PASSWD), context.clock());
        OutputFile.writeBytes(file, destination, writer::writeTo);
        CaptureWriter.Summary summary = writer.summary();
        context.err().println(NAME + ": captured " + summary.processes() + " processes into " + file
                + (summary.denied() > 0 ? " (" + summary.denied() + " of them without memory figures: permission"
                + " denied)" : ""));
        context.err().flush();
        return ExitCode.OK;
    }

    private static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.USAGE, message);
    }
}
