package vmtool.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vmtool.nativeio.LinuxLibc;
import vmtool.proc.ProcFs;
import vmtool.touch.Mode;
import vmtool.touch.Reporter;
import vmtool.touch.TouchException;
import vmtool.touch.TouchOptions;
import vmtool.touch.TouchResult;
import vmtool.touch.TouchRun;

/** {@code vmtool touch MB}: the homework's memory-user, off-heap. */
@Command(name = "touch", mixinStandardHelpOptions = true, sortOptions = false, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = {"Allocate MB megabytes (MiB) off-heap and keep reading and writing every 8-byte word of them.",
            "Runs until the time is up or SIGINT/SIGTERM; then prints what was done, frees the memory and exits."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "  0:The time was up.",
            "  2:Usage error.",
            "  3:The memory could not be had (allocation, locking, /proc).",
            "130:Interrupted (SIGINT).",
            "143:Terminated (SIGTERM)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  vmtool touch 100 --seconds 30       keep 100 MiB busy for 30 s",
            "  vmtool touch 512 --mode page --lock  512 MiB resident and locked, little CPU",
            "  vmtool touch 64 --seconds 5 --json   one JSON object at the end"})
public final class TouchCommand implements Callable<Integer> {
    /** The launcher (scripts/vmtool) names itself here, so that the pmap hint is a command that works. */
    private static final String LAUNCHER_PROPERTY = "vmtool.launcher";
    private static final int MAX_THREADS = 1024;

    private final Streams streams;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MB", description = "Megabytes (MiB) to allocate: a positive whole number.")
    String megabytes;

    @Option(names = "--seconds", paramLabel = "S", description = "Run S seconds (a positive whole number); default: until interrupted.")
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

    @Option(names = "--force", description = "Allocate even when MB is more than MemAvailable.")
    boolean force;

    TouchCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        TouchOptions options = options();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), false);
        Reporter reporter = new Reporter(out, options, isTerminal());
        try {
            TouchResult result = new TouchRun(options, reporter, ProcFs.system()).run();
            return switch (result.reason()) {
                case TIME_UP -> ExitCode.OK;
                case SIGINT -> ExitCode.INTERRUPTED;
                case SIGTERM -> ExitCode.TERMINATED;
            };
        } catch (TouchException e) {
            throw new VmtoolException(ExitCode.TOUCH_FAILURE, e.getMessage(), e);
        } finally {
            out.flush();
        }
    }

    private TouchOptions options() {
        long mb = positiveWhole(megabytes, "the size MB", Long.MAX_VALUE / TouchOptions.BYTES_PER_MEGABYTE);
        OptionalLong time = seconds == null ? OptionalLong.empty()
                : OptionalLong.of(positiveWhole(seconds, "--seconds", Long.MAX_VALUE / 1_000_000_000L));
        Mode touchMode = Mode.fromCliName(mode).orElseThrow(() -> usage(
                "--mode must be one of " + Mode.cliNames() + ", not '" + mode + "'"));
        int threadCount = (int) positiveWhole(threads, "--threads", MAX_THREADS);
        if (quiet && json) {
            throw usage("--quiet and --json exclude each other: --json already shows only the JSON object");
        }
        TouchOptions.Output output = json ? TouchOptions.Output.JSON
                : quiet ? TouchOptions.Output.QUIET : TouchOptions.Output.HUMAN;
        return new TouchOptions(mb, time, intervalMillis(), touchMode, threadCount, lock, hugePages, addresses,
                output, force, System.getProperty(LAUNCHER_PROPERTY, "vmtool") + " pmap");
    }

    private long positiveWhole(String text, String name, long max) {
        if (!text.matches("[+-]?[0-9]+")) {
            throw usage(name + " must be a positive whole number, not '" + text + "'");
        }
        if (text.startsWith("-") || text.matches("[+]?0+")) {
            throw usage(name + " must be a positive whole number, not " + text);
        }
        long value;
        try {
            value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw usage(name + " " + text + " is too large (at most " + max + ")");
        }
        if (value > max) {
            throw usage(name + " " + text + " is too large (at most " + max + ")");
        }
        return value;
    }

    private long intervalMillis() {
        double value;
        try {
            value = Double.parseDouble(interval);
        } catch (NumberFormatException e) {
            throw usage("--interval must be a number of seconds, not '" + interval + "'");
        }
        if (!(value >= 0.05 && value <= 86_400)) {
            throw usage("--interval must be between 0.05 and 86400 seconds, not " + interval);
        }
        return Math.round(value * 1000);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Only the process's real stdout can be a terminal; tests write to a byte array. */
    private boolean isTerminal() {
        if (!(streams.out() instanceof FileOutputStream file)) {
            return false;
        }
        try {
            return file.getFD() == FileDescriptor.out && !"dumb".equals(System.getenv("TERM"))
                    && LinuxLibc.get().isatty(1) == 1;
        } catch (IOException e) {
            return false;
        }
    }
}
