package vmtool.touch;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.google.gson.GsonBuilder;

import vmtool.export.JsonConvention;
import vmtool.pages.Translation;

import vmtool.terminal.Screen;
import vmtool.terminal.TextWidth;

/**
 * Everything {@code touch} shows on stdout: the start banner, the status (a line updated in place on a terminal,
 * a progress bar when the run has a length; one plain line per interval otherwise), the address lines, the summary,
 * the cleanup lines, or the JSON object instead of all that. The text itself comes from pure static functions.
 */
public final class Reporter {
    private static final int BAR_WIDTH = 24;
    /** A bar narrower than this says too little: the line goes without one. */
    private static final int MIN_BAR_WIDTH = 10;
    private static final String CTRL_C = "(Ctrl-C stops)";
    /** Erase to the end of the line: the in-place line may get shorter. */
    private static final String ERASE_LINE = "\u001b[K";

    private final CheckedOutput checked;
    private final PrintWriter out;
    private final TouchOptions options;
    private final boolean terminal;
    private final Screen screen;
    private boolean statusShown;
    /** --physical: the first and last pages, for the JSON at the end; null without it. */
    private List<Translation> physical;

    /**
     * @param screen the terminal that stdout is (then the status is one line rewritten in place, fitted to its width,
     *               asked again at each refresh); null when stdout is no terminal (one plain line per interval)
     */
    public Reporter(OutputStream stdout, TouchOptions options, Screen screen) {
        this.checked = new CheckedOutput(stdout);
        this.out = new PrintWriter(new OutputStreamWriter(checked, StandardCharsets.UTF_8), false);
        this.options = options;
        this.terminal = screen != null;
        this.screen = screen;
    }

    /** Keeps the first write error, which PrintWriter would only report as true or false. */
    private static final class CheckedOutput extends FilterOutputStream {
        private IOException failure;

        CheckedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    /** Flushes; a write that failed, now or before, ends the run. */
    private void flush(StopReason endedBy) throws OutputFailure {
        out.flush();
        if (checked.failure != null) {
            throw new OutputFailure(checked.failure, endedBy);
        }
    }

    private void flush() throws OutputFailure {
        flush(null);
    }

    private boolean human() {
        return options.output() == TouchOptions.Output.HUMAN;
    }

    /** Before allocating: the pid and the pmap command, so that the student can watch the memory arrive. */
    void starting(long pid) throws OutputFailure {
        if (!human()) {
            return;
        }
        println(banner(pid, options));
        flush();
    }

    /**
     * --physical: where the first and last pages live in RAM. Each run of touch shows the same kind of virtual
     * addresses; two at once show different frames.
     */
    void physical(List<Translation> pages) throws OutputFailure {
        physical = pages;
        if (!human()) {
            return;
        }
        for (int i = 0; i < pages.size(); i++) {
            Translation page = pages.get(i);
            String which = i == 0 ? "first page" : "last page ";
            if (page.flags() == null) {
                println(which + " 0x" + Long.toHexString(page.address()) + ": not present");
                continue;
            }
            println(which + " 0x" + Long.toHexString(page.address()) + " is frame 0x"
                    + Long.toHexString(page.entry().frame()) + ", physical address 0x"
                    + Long.toHexString(page.physicalAddress()) + " (" + String.join(" ", page.flags().names())
                    + (page.hugeFrames() > 0 ? "; in a huge page of " + page.hugeFrames() * page.pageSize() / 1024
                    + " kB" : "") + ")");
        }
        flush();
    }

    /** While the memory is being zeroed (made resident): how much of it is resident so far. */
    void allocating(long residentBytes, long elapsedNanos) throws OutputFailure {
        if (!human()) {
            return;
        }
        String text = "allocating: " + (Math.min(residentBytes, options.bytes()) >> 20) + " of "
                + options.megabytes() + " MiB resident after " + fixed(elapsedNanos / 1e9, 0) + " s";
        if (terminal) {
            out.print("\r" + TextWidth.keepStart(text, screen.now().inPlaceColumns()) + ERASE_LINE);
            statusShown = true;
        } else {
            out.println(text);
        }
        flush();
    }

    /** The memory is there: where each chunk lives. */
    void allocated(List<Chunk> chunks, long pid, Boolean hugePagesCollapsed) throws OutputFailure {
        if (!human()) {
            return;
        }
        endStatusLine();
        out.println(chunkLines(chunks));
        if (hugePagesCollapsed != null) {
            println(hugePagesCollapsed
                    ? "huge pages: advised and collapsed (see AnonHugePages in: " + options.inspectCommand() + " -XX " + pid + ")"
                    : "huge pages: advised; khugepaged collapses them over time (AnonHugePages in: "
                            + options.inspectCommand() + " -XX " + pid + ")");
        }
        flush();
    }

    void status(Snapshot snapshot) throws OutputFailure {
        if (!human()) {
            return;
        }
        if (terminal) {
            out.print("\r" + statusLine(snapshot, options.seconds(), screen.now().inPlaceColumns()) + ERASE_LINE);
            statusShown = true;
        } else {
            out.println(statusText(snapshot, options.seconds()));
        }
        flush();
    }

    void addressLines(List<String> lines) throws OutputFailure {
        if (!human() || lines.isEmpty()) {
            return;
        }
        endStatusLine();
        for (String line : lines) {
            out.println(line);
        }
        flush();
    }

    void finished(TouchResult result) throws OutputFailure {
        if (options.output() == TouchOptions.Output.JSON) {
            return;
        }
        endStatusLine();
        println(summary(result));
        out.println("Performing cleanup: " + (options.lock() ? "unlocking and " : "") + "freeing "
                + options.megabytes() + " MiB...");
        flush(result.reason());
    }

    void cleanedUp(TouchResult result) throws OutputFailure {
        if (options.output() == TouchOptions.Output.JSON) {
            out.println(json(result, physical));
        } else {
            out.println("Freed.");
        }
        flush(result.reason());
    }

    /** Lines of text; on a terminal each is broken between words to fit its width, rather than by the terminal. */
    private void println(String text) {
        if (!terminal) {
            out.println(text);
            return;
        }
        int columns = screen.now().columns();
        int from = 0;
        while (from <= text.length()) {
            int end = text.indexOf('\n', from);
            end = end < 0 ? text.length() : end;
            // Not String.split: its regular expression would load java.util.regex into the memory touch shows.
            for (String part : TextWidth.wrap(text.substring(from, end), columns)) {
                out.println(part);
            }
            from = end + 1;
        }
    }

    private void endStatusLine() {
        if (statusShown) {
            out.print("\r" + ERASE_LINE);
            statusShown = false;
        }
    }

    static String banner(long pid, TouchOptions options) {
        StringBuilder text = new StringBuilder();
        int chunks = OffHeapBuffers.chunkCount(options.bytes());
        text.append("vmtool touch: pid ").append(pid).append(", ").append(options.megabytes()).append(" MiB (")
                .append(options.bytes()).append(" bytes) in ").append(chunks).append(" chunk")
                .append(chunks == 1 ? "" : "s").append(", mode ").append(options.mode().cliName()).append(", ")
                .append(options.threads()).append(" thread").append(options.threads() == 1 ? "" : "s").append(", ")
                .append(options.seconds().isPresent() ? "for " + options.seconds().getAsLong() + " s"
                        : "until interrupted")
                .append(options.lock() ? ", locked in RAM" : "").append(System.lineSeparator());
        text.append("inspect it with: ").append(options.inspectCommand()).append(" -X ").append(pid);
        return text.toString();
    }

    static String chunkLines(List<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            text.append(i == 0 ? "" : "\n").append("chunk ").append(i).append(": 0x")
                    .append(Long.toHexString(chunk.address())).append("-0x").append(Long.toHexString(chunk.end()))
                    .append(" (").append((long) chunk.size()).append(" bytes)");
        }
        return text.toString();
    }

    /** The status as one line per interval writes it (into a pipe or a file: every field, at any width). */
    static String statusText(Snapshot snapshot, OptionalLong seconds) {
        return statusText(snapshot, seconds, true, true, true);
    }

    /**
     * The status without the fields left out: elapsed time, passes, throughput. The time left and VmRSS are always
     * there: they are what the line is watched for.
     */
    private static String statusText(Snapshot snapshot, OptionalLong seconds, boolean elapsed, boolean passes,
                                     boolean throughput) {
        StringBuilder text = new StringBuilder(96);
        if (elapsed) {
            text.append("elapsed ").append(fixed(snapshot.elapsedSeconds(), 0)).append(" s  ");
        }
        if (seconds.isPresent()) {
            text.append("remaining ").append(fixed(Math.max(0, seconds.getAsLong() - snapshot.elapsedSeconds()), 0))
                    .append(" s  ");
        }
        if (passes) {
            text.append("passes ").append(snapshot.passes()).append("  ");
        }
        if (throughput) {
            text.append(fixed(snapshot.bytesPerSecond() / 1e9, 2)).append(" GB/s  ");
        }
        return text.append("VmRSS ").append(fixed(snapshot.rssKb() / 1024.0, 1)).append(" MiB").toString();
    }

    /**
     * The status line on a terminal, at most {@code columns} wide: with a progress bar before it (a run with a
     * length) or {@code (Ctrl-C stops)} after it (one without) when there is room. As the terminal narrows, the bar
     * shrinks and then goes first, then the Ctrl-C hint, the passes, the elapsed time and the throughput; the time
     * left and VmRSS stay. Below that the line is cut.
     */
    static String statusLine(Snapshot snapshot, OptionalLong seconds, int columns) {
        String text = statusText(snapshot, seconds, true, true, true);
        if (seconds.isPresent()) {
            // "[" bar "] " percentage (4) and a blank before the text.
            int barWidth = Math.min(BAR_WIDTH, columns - TextWidth.columns(text) - 8);
            if (barWidth >= MIN_BAR_WIDTH) {
                return progressBar(snapshot.elapsedSeconds() / seconds.getAsLong(), barWidth) + " " + text;
            }
        } else if (TextWidth.columns(text) + 2 + CTRL_C.length() <= columns) {
            return text + "  " + CTRL_C;
        }
        for (int drop = 0; drop < 3 && TextWidth.columns(text) > columns; drop++) {
            // Passes first, then the elapsed time, then the throughput.
            text = statusText(snapshot, seconds, drop < 1, false, drop < 2);
        }
        return TextWidth.keepStart(text, columns);
    }

    static String progressBar(double fraction, int width) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]"
                + " " + " ".repeat(Math.max(0, 3 - Long.toString(Math.round(clamped * 100)).length()))
                + Math.round(clamped * 100) + "%";
    }

    static String summary(TouchResult result) {
        Snapshot last = result.last();
        if (result.chunks().isEmpty()) {
            return capitalize(result.reason().description()) + " while allocating, after "
                    + fixed(last.elapsedSeconds(), 1) + " s; peak VmRSS " + fixed(result.peakRssKb() / 1024.0, 1)
                    + " MiB";
        }
        return capitalize(result.reason().description()) + " after " + fixed(last.elapsedSeconds(), 1) + " s: "
                + last.passes() + " passes over " + result.options().megabytes() + " MiB, " + last.bytesTouched()
                + " bytes touched (" + fixed(last.bytesTouched() / 1e9, 1) + " GB), "
                + fixed(last.bytesPerSecond() / 1e9, 2) + " GB/s; peak VmRSS " + fixed(result.peakRssKb() / 1024.0, 1)
                + " MiB";
    }

    /**
     * A non-negative number with this many decimals, rounded half up, as {@code %.Nf} prints it. Not
     * {@code String.format}: its Formatter loads the locale providers (CLDR, regular expressions, lambdas), more
     * than a megabyte of the resident memory touch is there to show (docs/performance.md).
     */
    static String fixed(double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        long scaled = Math.round(Math.max(0, value) * scale);
        if (decimals == 0) {
            return Long.toString(scaled);
        }
        String fraction = Long.toString(scaled % scale);
        return (scaled / scale) + "." + "0".repeat(decimals - fraction.length()) + fraction;
    }

    static String json(TouchResult result) {
        return json(result, null);
    }

    /** The result; with --physical, the first and last pages' frames as {@code "physical"}. */
    static String json(TouchResult result, List<Translation> pages) {
        Snapshot last = result.last();
        TouchOptions options = result.options();
        Map<String, Object> object = new LinkedHashMap<>();
        // vmtool's JSON convention (docs/json.md): schema first, addresses as "0x...", sizes in kB.
        object.put("schema", JsonConvention.schema("touch"));
        object.put("schema_version", JsonConvention.SCHEMA_VERSION);
        object.put("pid", result.pid());
        object.put("size_kb", options.bytes() / 1024);
        object.put("seconds", Math.round(last.elapsedSeconds() * 1000) / 1000.0);
        object.put("requested_seconds", options.seconds().isPresent() ? options.seconds().getAsLong() : null);
        object.put("mode", options.mode().cliName());
        object.put("threads", options.threads());
        object.put("locked", options.lock());
        object.put("huge_pages", options.hugePages());
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (TouchResult.ChunkRange chunk : result.chunks()) {
            chunks.add(chunkObject(chunk));
        }
        object.put("chunks", chunks);
        object.put("passes", last.passes());
        object.put("bytes_touched", last.bytesTouched());
        object.put("bytes_per_second", Math.round(last.bytesPerSecond()));
        object.put("peak_rss_kb", result.peakRssKb());
        if (pages != null) {
            List<Map<String, Object>> physical = new ArrayList<>();
            for (Translation page : pages) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("address", "0x" + Long.toHexString(page.address()));
                boolean framed = page.flags() != null;
                one.put("frame", framed ? page.entry().frame() : null);
                one.put("physical_address", framed ? "0x" + Long.toHexString(page.physicalAddress()) : null);
                one.put("flags", framed ? page.flags().names() : null);
                physical.add(one);
            }
            object.put("physical", physical);
        }
        object.put("ended", switch (result.reason()) {
            case TIME_UP -> "time";
            case SIGINT -> "SIGINT";
            case SIGTERM -> "SIGTERM";
            case SIGHUP -> "SIGHUP";
        });
        return new GsonBuilder().serializeNulls().create().toJson(object);
    }

    private static Map<String, Object> chunkObject(TouchResult.ChunkRange chunk) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("start", JsonConvention.address(chunk.address()));
        object.put("end", JsonConvention.address(chunk.end()));
        object.put("size_kb", chunk.bytes() / 1024);
        return object;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
