package vmtool.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vmtool pmap} as picocli sees it: the options declared for --help, the man page and the completion.
 * The arguments themselves are read by {@link PmapCli} (procps's getopt rules, no picocli start-up cost);
 * CommandLineConsistencyTest holds the two option lists equal.
 */
@Command(name = "pmap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        // Shown as typed: "-A LOW" and "-C FILE" (getopt reads "-A=LOW" as the range "=LOW"); --long=VALUE works too.
        separator = " ",
        exitCodeOnInvalidInput = ExitCode.PMAP_FAILURE,
        description = {
            "Report the memory map of each process: byte for byte what procps-ng pmap 4.0.2 prints, with the fixes"
                + " of later procps releases (per-process -X totals, -A in -X, -k).",
            "Reads /proc/PID/maps (default, -d) or /proc/PID/smaps (-x, -X, -XX, -c, -C) once per process."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:Every process was shown.",
            " 1:Usage error, rc file error, a process whose mappings could not be read, or output that could not be"
                + " written.",
            "42:A PID does not exist (43: that, and a process could not be read).",
            "141:Standard output was closed by its reader (e.g. | head)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  vmtool pmap 1234                  the memory map of process 1234",
            "  vmtool pmap -X 1234               every smaps column of process 1234",
            "  vmtool pmap -x -A 7f0000000000, 1234   RSS and dirty pages above an address",
            "  vmtool pmap -C my.pmaprc 1234     columns chosen in my.pmaprc (see -N)"})
public final class PmapCommand implements Runnable {
    @Option(names = {"-x", "--extended"}, description = "Show details: Kbytes, RSS, Dirty.")
    boolean extended;

    @Option(names = "-X", description = {"Show even more details (smaps columns); -XX shows everything the kernel"
            + " provides. The columns follow this kernel's /proc/PID/smaps."})
    boolean[] more = new boolean[0];

    @Option(names = {"-c", "--read-rc"}, description = "Read the columns from the default rc file, ~/.pmaprc.")
    boolean readRc;

    @Option(names = {"-C", "--read-rc-from"}, paramLabel = "FILE",
            description = "Read the columns from FILE (also --read-rc-from=FILE).")
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
            description = {"Limit the output to mappings that overlap this range of hex addresses (also"
                + " --range=LOW[,HIGH]). LOW alone means LOW,LOW; an empty side is no limit; each -A sets only the"
                + " bounds it gives."})
    String range;

    @Option(names = "-r", hidden = true, description = "Ignored, for SunOS compatibility.")
    boolean sunosIgnored;

    @Parameters(paramLabel = "PID", arity = "0..*", description = "Process ids, or /proc/PID.")
    List<String> pids = new ArrayList<>();

    /** Never called: {@link CommandLineFactory} hands pmap's arguments to {@link PmapCli} before picocli. */
    @Override
    public void run() {
        throw new IllegalStateException("vmtool pmap is parsed by PmapCli, not by picocli");
    }
}
