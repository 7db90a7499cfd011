package vmtool.touch;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import com.google.gson.GsonBuilder;

/**
 * Everything {@code touch} shows on stdout: the start banner, the status (a line updated in place on a terminal,
 * a progress bar when the run has a length; one plain line per interval otherwise), the address lines, the summary,
 * the cleanup lines, or the JSON object instead of all that. The text itself comes from pure static functions.
 */
public final class Reporter {
    private static final int BAR_WIDTH = 24;
    /** Erase to the end of the line: the in-place line may get shorter. */
    private static final String ERASE_LINE = "\u001b[K";

    private final CheckedOutput checked;
    private final PrintWriter out;
    private final TouchOptions options;
    private final boolean terminal;
    private boolean statusShown;

    /**
     * @param terminal whether stdout is a terminal (then the status is one line rewritten in place)
     */
    public Reporter(OutputStream stdout, TouchOptions options, boolean terminal) {
        this.checked = new CheckedOutput(stdout);
        this.out = new PrintWriter(new OutputStreamWriter(checked, StandardCharsets.UTF_8), false);
        this.options = options;
        this.terminal = terminal;
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
        out.println(banner(pid, options));
        flush();
    }

    /** While the memory is being zeroed (made resident): how much of it is resident so far. */
    void allocating(long residentBytes, long elapsedNanos) throws OutputFailure {
        if (!human()) {
            return;
        }
        String text = String.format(Locale.ROOT, "allocating: %d of %d MiB resident after %.0f s",
                Math.min(residentBytes, options.bytes()) >> 20, options.megabytes(), elapsedNanos / 1e9);
        if (terminal) {
            out.print("\r" + text + ERASE_LINE);
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
            out.println(hugePagesCollapsed
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
        String text = statusText(snapshot, options.seconds());
        if (terminal) {
            OptionalLong seconds = options.seconds();
            String bar = seconds.isPresent()
                    ? progressBar(snapshot.elapsedSeconds() / seconds.getAsLong(), BAR_WIDTH) + " " : "";
            out.print("\r" + bar + text + (seconds.isPresent() ? "" : "  (Ctrl-C stops)") + ERASE_LINE);
            statusShown = true;
        } else {
            out.println(text);
        }
        flush();
    }

    void addressLines(List<String> lines) throws OutputFailure {
        if (!human() || lines.isEmpty()) {
            return;
        }
        endStatusLine();
        lines.forEach(out::println);
        flush();
    }

    void finished(TouchResult result) throws OutputFailure {
        if (options.output() == TouchOptions.Output.JSON) {
            return;
        }
        endStatusLine();
        out.println(summary(result));
        out.println("Performing cleanup: " + (options.lock() ? "unlocking and " : "") + "freeing "
                + options.megabytes() + " MiB...");
        flush(result.reason());
    }

    void cleanedUp(TouchResult result) throws OutputFailure {
        if (options.output() == TouchOptions.Output.JSON) {
            out.println(json(result));
        } else {
            out.println("Freed.");
        }
        flush(result.reason());
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
        text.append(String.format(Locale.ROOT, "vmtool touch: pid %d, %d MiB (%d bytes) in %d chunk%s, mode %s, %d thread%s, %s%s%n",
                pid, options.megabytes(), options.bytes(), chunks, chunks == 1 ? "" : "s",
                options.mode().cliName(), options.threads(), options.threads() == 1 ? "" : "s",
                options.seconds().isPresent() ? "for " + options.seconds().getAsLong() + " s" : "until interrupted",
                options.lock() ? ", locked in RAM" : ""));
        text.append("inspect it with: ").append(options.inspectCommand()).append(" -X ").append(pid);
        return text.toString();
    }

    static String chunkLines(List<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            text.append(i == 0 ? "" : "\n").append(String.format(Locale.ROOT, "chunk %d: 0x%x-0x%x (%d bytes)",
                    i, chunk.address(), chunk.end(), (long) chunk.size()));
        }
        return text.toString();
    }

    static String statusText(Snapshot snapshot, OptionalLong seconds) {
        String remaining = seconds.isPresent()
                ? String.format(Locale.ROOT, "  remaining %.0f s",
                        Math.max(0, seconds.getAsLong() - snapshot.elapsedSeconds()))
                : "";
        return String.format(Locale.ROOT, "elapsed %.0f s%s  passes %d  %.2f GB/s  VmRSS %.1f MiB",
                snapshot.elapsedSeconds(), remaining, snapshot.passes(), snapshot.bytesPerSecond() / 1e9,
                snapshot.rssKb() / 1024.0);
    }

    static String progressBar(double fraction, int width) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]"
                + String.format(Locale.ROOT, " %3d%%", Math.round(clamped * 100));
    }

    static String summary(TouchResult result) {
        Snapshot last = result.last();
        if (result.chunks().isEmpty()) {
            return String.format(Locale.ROOT, "%s while allocating, after %.1f s; peak VmRSS %.1f MiB",
                    capitalize(result.reason().description()), last.elapsedSeconds(), result.peakRssKb() / 1024.0);
        }
        return String.format(Locale.ROOT,
                "%s after %.1f s: %d passes over %d MiB, %d bytes touched (%.1f GB), %.2f GB/s; peak VmRSS %.1f MiB",
                capitalize(result.reason().description()), last.elapsedSeconds(), last.passes(),
                result.options().megabytes(), last.bytesTouched(), last.bytesTouched() / 1e9,
                last.bytesPerSecond() / 1e9, result.peakRssKb() / 1024.0);
    }

    static String json(TouchResult result) {
        Snapshot last = result.last();
        TouchOptions options = result.options();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("pid", result.pid());
        object.put("megabytes", options.megabytes());
        object.put("bytes", options.bytes());
        object.put("seconds", Math.round(last.elapsedSeconds() * 1000) / 1000.0);
        object.put("requested_seconds", options.seconds().isPresent() ? options.seconds().getAsLong() : null);
        object.put("mode", options.mode().cliName());
        object.put("threads", options.threads());
        object.put("locked", options.lock());
        object.put("huge_pages", options.hugePages());
        object.put("chunks", result.chunks().stream()
                .map(Reporter::chunkObject).toList());
        object.put("passes", last.passes());
        object.put("bytes_touched", last.bytesTouched());
        object.put("bytes_per_second", Math.round(last.bytesPerSecond()));
        object.put("peak_rss_kb", result.peakRssKb());
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
        object.put("address", String.format("0x%x", chunk.address()));
        object.put("end", String.format("0x%x", chunk.end()));
        object.put("bytes", chunk.bytes());
        return object;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
