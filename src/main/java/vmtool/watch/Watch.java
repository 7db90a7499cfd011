package vmtool.watch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import vmtool.ExitCode;
import vmtool.anatomy.Anatomy;
import vmtool.diff.Diff;
import vmtool.diff.Differ;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.ProcessInfo;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;
import vmtool.terminal.Ansi;
import vmtool.terminal.Screen;
import vmtool.terminal.StopSignals;
import vmtool.terminal.TextWidth;

/**
 * The loop of {@code vmtool watch}: read the process, make its frame, write it (over the last one on a terminal,
 * after it otherwise), wait for the interval or a signal. The frame itself is {@link WatchFrame}'s, pure.
 */
public final class Watch {
    /** Reads in a row that may fail while the process is still there before the watch gives up. */
    private static final int FAILURES_ALLOWED = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String STOP_HINT = "(Ctrl-C stops)";

    /**
     * @param pid            the process
     * @param intervalMillis the time from one refresh to the next
     * @param count          how many refreshes, then stop; 0 for no limit
     * @param screen         the terminal that stdout is (then each frame is drawn over the last, fitted to its
     *                       size, asked again at each refresh); null when stdout is no terminal
     * @param colour         whether colour is wanted there (NO_COLOR unset)
     */
    /** @param clock the time each frame's title shows, in its zone */
    public record Options(int pid, long intervalMillis, int count, Screen screen, boolean colour, Clock clock) {
        /** Whether stdout is a terminal. */
        public boolean terminal() {
            return screen != null;
        }
    }

    /** The process is not there at the start, or cannot be read (the command's status 4). */
    public static final class NotReadable extends Exception {
        private static final long serialVersionUID = 1L;

        NotReadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Options options;
    private final ProcFs procFs;
    private final Sources sources;
    private final OutputStream out;
    private final WatchRenderer renderer;

    public Watch(Options options, ProcFs procFs, Sources sources, OutputStream out) {
        this.options = options;
        this.procFs = procFs;
        this.sources = sources;
        this.out = out;
        this.renderer = new WatchRenderer(options.terminal() && options.colour());
    }

    /** Watches until the process exits (0), the count is reached (0), or a signal comes (128 + its number). */
    public int run() throws IOException, NotReadable, InterruptedException {
        Source.Live source = new Source.Live(options.pid());
        AddressSpace firstSpace;
        try {
            firstSpace = sources.read(source, true);
        } catch (SourceException e) {
            throw new NotReadable(e.getMessage(), e);
        }
        Anatomy first = Anatomy.of(firstSpace, null);
        try (StopSignals signals = new StopSignals()) {
            if (options.terminal()) {
                write(Ansi.HIDE_CURSOR + Ansi.CLEAR);
            }
            try {
                return loop(source, firstSpace, first, signals);
            } finally {
                if (options.terminal()) {
                    write(Ansi.SHOW_CURSOR);
                }
            }
        }
    }

    private int loop(Source.Live source, AddressSpace firstSpace, Anatomy first, StopSignals signals) throws IOException, InterruptedException, NotReadable {
        AddressSpace previousSpace = firstSpace;
        Anatomy previous = first;
        AddressSpace space = firstSpace;
        Anatomy current = first;
        Diff sinceLast = null;
        long next = System.nanoTime();
        int failures = 0;
        for (int refresh = 1; ; refresh++) {
            // The command is read each time: an exec changes it, and the pid stays.
            show(WatchFrame.of(refresh, first, previous, current, sinceLast),
                    ByteText.shown(space.process().comm()), refresh);
            if (options.count() > 0 && refresh >= options.count()) {
                return ExitCode.OK;
            }
            AddressSpace read = null;
            while (read == null) {
                next += options.intervalMillis() * 1_000_000L;
                long now = System.nanoTime();
                if (next < now) {
                    next = now; // a slow read: refresh at once, without a burst to catch up
                }
                StopSignals.Stop stop = signals.await((next - now) / 1_000_000L);
                if (stop != null) {
                    if (options.terminal()) {
                        // The terminal echoed Ctrl-C as "^C" below the frame: erased, the shell's prompt starts
                        // its line.
                        write("\r" + Ansi.ERASE_LINE);
                    }
                    return stop.exitStatus();
                }
                try {
                    Optional<AddressSpace> again = readAgain(source);
                    if (again.isEmpty()) {
                        write("process " + options.pid() + " exited\n");
                        return ExitCode.OK;
                    }
                    read = again.get();
                    failures = 0;
                } catch (NotReadable e) {
                    // A read that meets the process mid-change (an exec, threads coming and going) may fail;
                    // one that keeps failing is the command's failure.
                    if (++failures >= FAILURES_ALLOWED) {
                        throw e;
                    }
                }
            }
            previousSpace = space;
            previous = current;
            space = read;
            current = Anatomy.of(space, null);
            sinceLast = Differ.diff(previousSpace, space);
        }
    }

    /** The space now, or empty when the process has exited (gone, or a zombie: its mappings are gone). */
    private Optional<AddressSpace> readAgain(Source.Live source) throws NotReadable {
        try {
            AddressSpace space = sources.read(source, true);
            if (space.mappings().isEmpty() && exited()) {
                return Optional.empty();
            }
            return Optional.of(space);
        } catch (SourceException e) {
            if (exited()) {
                return Optional.empty();
            }
            throw new NotReadable(e.getMessage(), e);
        }
    }

    private boolean exited() {
        try {
            Optional<ProcessInfo> process = procFs.process(options.pid());
            return process.isEmpty() || process.get().state() == 'Z' || process.get().state() == 'X';
        } catch (ProcException e) {
            return false;
        }
    }

    private void show(WatchFrame frame, String command, int refresh) throws IOException {
        LocalDateTime now = LocalDateTime.now(options.clock());
        String of = options.count() > 0 ? " of " + options.count() : "";
        String every = seconds(options.intervalMillis());
        if (!options.terminal()) {
            String title = now.format(TIME) + "  pid " + options.pid() + " (" + command + ")  refresh " + refresh + of
                    + " every " + every;
            write(renderer.render(title, frame, null) + "\n");
            return;
        }
        Screen screen = options.screen().now();
        String title = terminalTitle(options.pid(), command, "refresh " + refresh + of, "every " + every, now,
                screen.inPlaceColumns());
        write(Ansi.redraw(renderer.render(title, frame, screen)));
    }

    /**
     * The title on a terminal, at most {@code columns} wide: as the terminal narrows, the date goes, then the
     * command's name ({@code vmtool watch:}), the interval and the hint how to stop; the pid, the command, which
     * refresh and the time stay. Below that it is cut.
     */
    static String terminalTitle(int pid, String command, String refresh, String every, LocalDateTime now,
                                int columns) {
        String process = "pid " + pid + " (" + command + ")  " + refresh;
        String time = now.format(CLOCK);
        String[] candidates = {
            "vmtool watch: " + process + " " + every + "  " + now.format(TIME) + "  " + STOP_HINT,
            "vmtool watch: " + process + " " + every + "  " + time + "  " + STOP_HINT,
            process + " " + every + "  " + time + "  " + STOP_HINT,
            process + "  " + time + "  " + STOP_HINT,
            process + "  " + time};
        for (String candidate : candidates) {
            if (TextWidth.columns(candidate) <= columns) {
                return candidate;
            }
        }
        return TextWidth.keepStart(candidates[candidates.length - 1], columns);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
