package vmtool.cli;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vmtool.pmap.AddressRange;
import vmtool.pmap.Mode;
import vmtool.pmap.PidArguments;
import vmtool.pmap.Pmap;
import vmtool.pmap.PmapConfig;
import vmtool.pmap.RcFile;
import vmtool.proc.ProcFs;

/** {@code vmtool pmap}: procps-ng pmap's options, checks and exit statuses; the work is done by {@link Pmap}. */
@Command(name = "pmap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitCode.PMAP_FAILURE,
        description = {
            "Report the memory map of each process: byte for byte what procps-ng pmap 4.0.2 prints, with the fixes"
                + " of later procps releases (per-process -X totals, -A in -X, -k).",
            "Reads /proc/PID/maps (default, -d) or /proc/PID/smaps (-x, -X, -XX, -c, -C) once per process."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:Every process was shown.",
            " 1:Usage error, rc file error, or a process whose mappings could not be read.",
            "42:A PID does not exist (43: that, and a process could not be read).",
            "141:Standard output was closed by its reader (e.g. | head)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  vmtool pmap 1234                  the memory map of process 1234",
            "  vmtool pmap -X 1234               every smaps column of process 1234",
            "  vmtool pmap -x -A 7f0000000000, 1234   RSS and dirty pages above an address",
            "  vmtool pmap -C my.pmaprc 1234     columns chosen in my.pmaprc (see -N)"})
public final class PmapCommand implements Callable<Integer> {
    private final Streams streams;

    @Spec
    CommandSpec spec;

    @Option(names = {"-x", "--extended"}, description = "Show details: Kbytes, RSS, Dirty.")
    boolean extended;

    @Option(names = "-X", description = {"Show even more details (smaps columns); -XX shows everything the kernel"
            + " provides. The columns follow this kernel's /proc/PID/smaps."})
    boolean[] more = new boolean[0];

    @Option(names = {"-c", "--read-rc"}, description = "Read the columns from the default rc file, ~/.pmaprc.")
    boolean readRc;

    @Option(names = {"-C", "--read-rc-from"}, paramLabel = "FILE", description = "Read the columns from FILE.")
    Path readRcFrom;

    @Option(names = {"-n", "--create-rc"}, description = "Create a new default rc file, ~/.pmaprc.")
    boolean createRc;

    @Option(names = {"-N", "--create-rc-to"}, paramLabel = "FILE",
            description = "Create a new rc file FILE. No PID is allowed with -n or -N.")
    Path createRcTo;

    @Option(names = {"-d", "--device"}, description = "Show the device format: offset and device.")
    boolean device;

    @Option(names = {"-q", "--quiet"}, description = "Do not display the column header and the footer.")
    boolean quiet;

    @Option(names = {"-p", "--show-path"}, description = "Show the full path in the Mapping column.")
    boolean showPath;

    @Option(names = {"-k", "--use-kernel-name"},
            description = "Use the kernel's names ([heap], [stack], [vdso], [anon:NAME]) in the default, -x and -d"
                    + " modes.")
    boolean kernelNames;

    @Option(names = {"-A", "--range"}, paramLabel = "LOW[,HIGH]",
            description = "Limit the output to mappings that overlap this range of hex addresses.")
    String range;

    @Option(names = "-r", hidden = true, description = "Ignored, for SunOS compatibility.")
    boolean sunosIgnored;

    @Parameters(paramLabel = "PID", arity = "0..*", description = "Process ids, or /proc/PID.")
    List<String> pids = new ArrayList<>();

    PmapCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = streams.err();
        AddressRange addressRange = parseRange();
        if (sunosIgnored) {
            err.println("vmtool pmap: option -r is ignored (SunOS compatibility)");
        }
        int modes = count(readRc) + count(readRcFrom != null) + count(device) + count(createRc)
                + count(createRcTo != null) + count(extended) + count(more.length > 0);
        if (modes > 1) {
            throw usage("options -c, -C, -d, -n, -N, -x, -X are mutually exclusive: choose one");
        }
        boolean creating = createRc || createRcTo != null;
        if (creating && (quiet || showPath)) {
            throw usage("options -p, -q cannot be used with -n, -N");
        }
        if (creating && !pids.isEmpty()) {
            throw usage("no PID is allowed with -n or -N, which only create an rc file");
        }
        if (creating) {
            createRcFile(createRcTo != null ? createRcTo : defaultRcFile());
            return ExitCode.OK;
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
            err.println("vmtool pmap: '" + skipped + "' is not /proc/ and a numeric PID; it is skipped");
        }
        PmapConfig config = new PmapConfig(mode(rc), quiet, showPath ^ (rc != null && rc.togglesShowPath()),
                kernelNames, addressRange, rc == null ? Set.of() : rc.fields());
        err.flush();
        return new Pmap(ProcFs.system(), config).run(arguments.pids(), streams.out(), err);
    }

    private Mode mode(RcFile rc) {
        if (rc != null) {
            return Mode.RC;
        }
        if (more.length == 1) {
            return Mode.MORE;
        }
        if (more.length > 1) {
            return Mode.ALL;
        }
        if (extended) {
            return Mode.EXTENDED;
        }
        return device ? Mode.DEVICE : Mode.DEFAULT;
    }

    private AddressRange parseRange() {
        if (range == null) {
            return AddressRange.ALL;
        }
        try {
            return AddressRange.parse(range);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** pmap names its rc file after itself in $HOME (not Java's user.home): vmtool shares pmap's ~/.pmaprc. */
    private static Path defaultRcFile() {
        String home = System.getenv("HOME");
        if (home == null || home.isEmpty()) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "HOME is not set, so ~/.pmaprc cannot be found;"
                    + " set HOME or name the file with -C/-N FILE");
        }
        return Path.of(home, ".pmaprc");
    }

    private RcFile readRcFile(Path file) {
        String text;
        try (InputStream in = new FileInputStream(file.toFile())) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "cannot read the rc file " + file + " ("
                    + reason(e) + "); create one with 'vmtool pmap -N " + file + "'");
        }
        RcFile rc = RcFile.parse(text);
        for (String warning : rc.warnings()) {
            streams.err().println("vmtool pmap: " + file + ": " + warning);
        }
        return rc;
    }

    private void createRcFile(Path file) {
        if (Files.exists(file)) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, file + " already exists: delete or rename it first");
        }
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(RcFile.TEMPLATE.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new VmtoolException(ExitCode.PMAP_FAILURE, "cannot create the rc file " + file + " ("
                    + reason(e) + ")");
        }
        streams.err().println("vmtool pmap: created " + file + "; uncomment the columns you want, then use"
                + (createRcTo != null ? " -C " + file : " -c"));
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int paren = message.lastIndexOf(" (");
        return paren >= 0 && message.endsWith(")") ? message.substring(paren + 2, message.length() - 1) : message;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static int count(boolean option) {
        return option ? 1 : 0;
    }
}
