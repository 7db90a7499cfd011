package vmtool.cli;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import vmtool.ExitCode;
import vmtool.proc.ProcFs;
import vmtool.terminal.Screen;
import vmtool.touch.AccessPattern;
import vmtool.proc.ProcException;
import vmtool.touch.Reporter;
import vmtool.touch.TouchException;
import vmtool.touch.TouchOptions;
import vmtool.touch.OutputFailure;
import vmtool.touch.StopReason;
import vmtool.touch.TouchRun;

/**
 * {@code vmtool touch}'s command line: read with {@link Getopt} (no picocli: its classes would sit in the resident
 * memory that touch is there to show), checked, then run.
 */
final class TouchCli extends GetoptCli {
    private static final String DEFAULT_INTERVAL = "1";
    private static final String DEFAULT_MODE = "rw";
    private static final String DEFAULT_THREADS = "1";

    static final Getopt.Option SECONDS = Getopt.Option.withArgument('\0', "seconds", "S",
            "Run S seconds (a positive whole number), counted once the memory is allocated; default: until"
                    + " interrupted.");
    static final Getopt.Option INTERVAL = Getopt.Option.withArgument('\0', "interval", "S",
            "Report every S seconds (decimals allowed; default: " + DEFAULT_INTERVAL + ").");
    static final Getopt.Option MODE = Getopt.Option.withArgument('\0', "mode", "MODE",
            DEFAULT_MODE + ": read and write every word (default); read; write; page: one write per page.")
            .completes(Completion.words(AccessPattern.cliNameList()));
    static final Getopt.Option THREADS = Getopt.Option.withArgument('\0', "threads", "N",
            "Worker threads, each touching its own slice (default: " + DEFAULT_THREADS + ").");
    static final Getopt.Option LOCK = Getopt.Option.flag('\0', "lock",
            "Lock the memory in RAM (mlock); needs RLIMIT_MEMLOCK (ulimit -l).");
    static final Getopt.Option HUGE_PAGES = Getopt.Option.flag('\0', "hugepages",
            "Ask for transparent huge pages (madvise MADV_HUGEPAGE); pmap -XX shows AnonHugePages.");
    static final Getopt.Option ADDRESSES = Getopt.Option.flag('\0', "addresses",
            "Print 'Address of array[i]: 0x...' lines as the homework does (a few per second).");
    static final Getopt.Option PHYSICAL = Getopt.Option.flag('\0', "physical",
            "Once the memory is there, say where the buffer's first and last pages are in physical memory: their"
                    + " frames, physical addresses and flags (root only: frame numbers need CAP_SYS_ADMIN).");
    static final Getopt.Option QUIET = Getopt.Option.flag('q', "quiet",
            "Show nothing but errors and the final summary.");
    static final Getopt.Option JSON = Getopt.Option.flag('\0', "json",
            "Print one JSON object at the end instead of the human output.");
    static final Getopt.Option FORCE = Getopt.Option.flag('\0', "force",
            "Allocate even when MB is more than MemAvailable, the cgroup's memory limit or ulimit -v leaves.");

    /** vmtool touch, defined once: getopt reads these options, picocli renders help from the whole. */
    static final CommandDef DEFINITION = new CommandDef("touch",
            List.of("Allocate MB megabytes (MiB) off-heap and keep reading and writing every 8-byte word of them.",
                    "Prints its pid first, then allocates (showing how much is resident), then runs until the time is"
                            + " up, a signal, or its output cannot be written; then prints what was done, frees the"
                            + " memory and exits.",
                    "Refuses, before allocating, more than MemAvailable, the cgroup's memory limit or ulimit -v allows.",
                    "SIGINT, SIGTERM, SIGHUP: summary, free, exit. SIGQUIT (Ctrl-\\): a JVM thread dump on stderr"
                            + " (never on stdout); the run goes on."),
            List.of(SECONDS, INTERVAL, MODE, THREADS, LOCK, HUGE_PAGES, ADDRESSES, PHYSICAL, QUIET, JSON, FORCE, HELP, VERSION),
            List.of(new CommandDef.Operand("MB", "1", "Megabytes (MiB) to allocate: a positive whole number.",
                    Completion.NOTHING)),
            List.of("  vmtool touch 100 --seconds 30       keep 100 MiB busy for 30 s",
                    "  vmtool touch 512 --mode page --lock  512 MiB resident and locked, little CPU",
                    "  vmtool touch 64 --seconds 5 --json   one JSON object at the end",
                    "  vmtool touch 64 --physical           (root) its first and last frames"));

    /** Whether this process runs as root (effective uid 0), which --physical needs. */
    private boolean root() {
        try {
            return context.proc().selfEffectiveUid() == 0;
        } catch (ProcException e) {
            return false;
        }
    }

    /** The launcher (scripts/vmtool) names itself here, so that the pmap hint is a command that works. */
    private static final String LAUNCHER_PROPERTY = "vmtool.launcher";
    private static final int MAX_THREADS = 1024;

    TouchCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.TOUCH_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) {
        if (parsed.operands().isEmpty()) {
            throw usage("the size MB is missing: give megabytes (MiB), e.g. 'vmtool touch 100'");
        }
        if (parsed.operands().size() == 2 && isWholeNumber(parsed.operands().get(1))) {
            // The homework's memory-user takes the time as its second argument.
            throw usage("one size MB, not 2: for " + parsed.operands().get(1) + " seconds write 'vmtool touch "
                    + parsed.operands().get(0) + " --seconds " + parsed.operands().get(1) + "'");
        }
        if (parsed.operands().size() > 1) {
            throw usage("one size MB, not " + parsed.operands().size() + " ('"
                    + String.join("', '", parsed.operands()) + "'): remove the extra arguments");
        }
        Request request = new Request();
        for (Getopt.Occurrence occurrence : parsed.options()) {
            request.add(occurrence.option(), occurrence.argument());
        }
        return touch(request.options(parsed.operands().get(0)));
    }

    private int touch(TouchOptions options) {
        if (options.physical() && !root()) {
            throw new VmtoolException(ExitCode.TOUCH_FAILURE, "--physical needs root: without CAP_SYS_ADMIN pagemap"
                    + " gives 0 for every frame number; run it as root, or leave --physical out");
        }
        // Only human output cares whether stdout is a terminal, and its width: asking that loads JNA.
        Screen screen = options.output() == TouchOptions.Output.HUMAN && context.terminal().drawable()
                ? context.terminal().screen() : null;
        Reporter reporter = new Reporter(context.out(), options, screen);
        try {
            return status(new TouchRun(options, reporter, context.proc()).run().reason());
        } catch (OutputFailure e) {
            // A signal that ended the run keeps its status; a closed pipe is quiet, as for a C tool (SIGPIPE).
            if (!e.closed()) {
                context.err().println("vmtool touch: " + e.getMessage());
                context.err().flush();
            }
            if (e.endedBy() != null && e.endedBy() != StopReason.TIME_UP) {
                return status(e.endedBy());
            }
            return e.closed() ? ExitCode.BROKEN_PIPE : ExitCode.OUTPUT_ERROR;
        } catch (TouchException e) {
            throw new VmtoolException(ExitCode.TOUCH_FAILURE, e.getMessage(), e);
        }
    }

    private static int status(StopReason reason) {
        return switch (reason) {
            case TIME_UP -> ExitCode.OK;
            case SIGINT -> ExitCode.INTERRUPTED;
            case SIGTERM -> ExitCode.TERMINATED;
            case SIGHUP -> ExitCode.HUNG_UP;
        };
    }

    /** The options as given, the last of each kept, as getopt programs do; defaults as --help states them. */
    private static final class Request {
        String seconds;
        String interval = DEFAULT_INTERVAL;
        String mode = DEFAULT_MODE;
        String threads = DEFAULT_THREADS;
        boolean lock;
        boolean hugePages;
        boolean addresses;
        boolean physical;
        boolean quiet;
        boolean json;
        boolean force;

        void add(Getopt.Option option, String argument) {
            if (option == SECONDS) {
                seconds = argument;
            } else if (option == INTERVAL) {
                interval = argument;
            } else if (option == MODE) {
                mode = argument;
            } else if (option == THREADS) {
                threads = argument;
            } else if (option == LOCK) {
                lock = true;
            } else if (option == HUGE_PAGES) {
                hugePages = true;
            } else if (option == ADDRESSES) {
                addresses = true;
            } else if (option == PHYSICAL) {
                physical = true;
            } else if (option == QUIET) {
                quiet = true;
            } else if (option == JSON) {
                json = true;
            } else if (option == FORCE) {
                force = true;
            } else {
                throw new IllegalStateException("option " + option.display() + " has no meaning here");
            }
        }

        TouchOptions options(String megabytes) {
            long mb = positiveWhole(megabytes, "the size MB", Long.MAX_VALUE / TouchOptions.BYTES_PER_MEGABYTE);
            OptionalLong time = seconds == null ? OptionalLong.empty()
                    : OptionalLong.of(positiveWhole(seconds, "--seconds", Long.MAX_VALUE / 1_000_000_000L));
            Optional<AccessPattern> touchMode = AccessPattern.fromCliName(mode);
            if (touchMode.isEmpty()) {
                throw usage("--mode must be one of " + AccessPattern.cliNames() + ", not '" + mode + "'");
            }
            int threadCount = (int) positiveWhole(threads, "--threads", MAX_THREADS);
            if (quiet && json) {
                throw usage("--quiet and --json exclude each other: --json already shows only the JSON object");
            }
            TouchOptions.Output output = json ? TouchOptions.Output.JSON
                    : quiet ? TouchOptions.Output.QUIET : TouchOptions.Output.HUMAN;
            return new TouchOptions(mb, time, intervalMillis(), touchMode.get(), threadCount, lock, hugePages,
                    addresses, output, force, shellWord(System.getProperty(LAUNCHER_PROPERTY, "vmtool")) + " pmap",
                    physical);
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
    }

    private static long positiveWhole(String text, String name, long max) {
        if (!isWholeNumber(text)) {
            throw usage(name + " must be a positive whole number, not '" + text + "'");
        }
        String digits = text.charAt(0) == '+' || text.charAt(0) == '-' ? text.substring(1) : text;
        if (text.charAt(0) == '-' || digits.replace("0", "").isEmpty()) {
            throw usage(name + " must be a positive whole number, not " + text);
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw usage(name + " " + text + " is too large (at most " + max + ")");
        }
        if (value > max) {
            throw usage(name + " " + text + " is too large (at most " + max + ")");
        }
        return value;
    }

    /** The word as a shell reads it back: unchanged when it is plain, else in single quotes. */
    static String shellWord(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/._-+,:@%=".indexOf(c) >= 0;
            if (!plain) {
                return "'" + word.replace("'", "'\\''") + "'";
            }
        }
        return word.isEmpty() ? "''" : word;
    }

    /** An optional sign and one or more ASCII digits. */
    private static boolean isWholeNumber(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static VmtoolException usage(String message) {
        return VmtoolException.usage(ExitCode.USAGE, message);
    }
}
