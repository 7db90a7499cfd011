package vmtool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vmtool touch MB} (the homework's memory-user, off-heap) as picocli sees it: the options declared for
 * --help, the man page and the completion. The arguments themselves are read by {@link TouchCli}, so that a touch
 * run never loads picocli; CommandLineConsistencyTest holds the two option lists equal.
 */
@Command(name = "touch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        exitCodeOnInvalidInput = ExitCode.USAGE,
        description = {"Allocate MB megabytes (MiB) off-heap and keep reading and writing every 8-byte word of them.",
            "Prints its pid first, then allocates (showing how much is resident), then runs until the time is up,",
            "a signal, or its output cannot be written; then prints what was done, frees the memory and exits.",
            "Refuses, before allocating, more than MemAvailable, the cgroup's memory limit or ulimit -v allows.",
            "SIGINT, SIGTERM, SIGHUP: summary, free, exit. SIGQUIT (Ctrl-\\): ends it at once, as a C program (no thread dump)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "  0:The time was up.",
            "  2:Usage error.",
            "  3:The memory could not be had (allocation, locking, /proc, the cgroup's limit, ulimit -v).",
            " 74:Standard output could not be written (a full disk, /dev/full).",
            "129:Hung up (SIGHUP).",
            "130:Interrupted (SIGINT).",
            "131:Quit (SIGQUIT, Ctrl-\\): ended by the kernel; the memory goes with the process.",
            "141:Standard output was closed by its reader (touch ... | head).",
            "143:Terminated (SIGTERM)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  vmtool touch 100 --seconds 30       keep 100 MiB busy for 30 s",
            "  vmtool touch 512 --mode page --lock  512 MiB resident and locked, little CPU",
            "  vmtool touch 64 --seconds 5 --json   one JSON object at the end"})
public final class TouchCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "MB", description = "Megabytes (MiB) to allocate: a positive whole number.")
    String megabytes;

    @Option(names = "--seconds", paramLabel = "S", description = "Run S seconds (a positive whole number), counted once the memory is allocated; default: until interrupted.")
    String seconds;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1",
            description = "Report every S seconds (decimals allowed; default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "rw",
            description = "rw: read and write every word (default); read; write; page: one write per page.")
    String mode;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Worker threads, each touching its own slice (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--lock", description = "Lock the memory in RAM (mlock); needs RLIMIT_MEMLOCK (ulimit -l).")
    boolean lock;

    @Option(names = "--hugepages", description = "Ask for transparent huge pages (madvise MADV_HUGEPAGE); pmap -XX shows AnonHugePages.")
    boolean hugePages;

    @Option(names = "--addresses", description = "Print 'Address of array[i]: 0x...' lines as the homework does (a few per second).")
    boolean addresses;

    @Option(names = {"-q", "--quiet"}, description = "Show nothing but errors and the final summary.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the human output.")
    boolean json;

    @Option(names = "--force", description = "Allocate even when MB is more than MemAvailable, the cgroup's memory limit or ulimit -v leaves.")
    boolean force;

    /** Never called: {@link CommandLineFactory} hands touch's arguments to {@link TouchCli} before picocli. */
    @Override
    public void run() {
        throw new IllegalStateException("vmtool touch is parsed by TouchCli, not by picocli");
    }
}
