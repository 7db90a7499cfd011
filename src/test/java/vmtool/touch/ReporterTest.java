package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import vmtool.terminal.Screen;

class ReporterTest {
    private static final TouchOptions OPTIONS = new TouchOptions(100, OptionalLong.of(30), 1000, AccessPattern.RW, 1,
            false, false, false, TouchOptions.Output.HUMAN, false, "vmtool pmap");

    @Test
    void progressBarFillsInProportionAndClamps() {
        assertThat(Reporter.progressBar(0, 10)).isEqualTo("[----------]   0%");
        assertThat(Reporter.progressBar(0.5, 10)).isEqualTo("[#####-----]  50%");
        assertThat(Reporter.progressBar(1.7, 10)).isEqualTo("[##########] 100%");
    }

    @Test
    void statusShowsElapsedRemainingPassesThroughputAndRss() {
        Snapshot snapshot = new Snapshot(2_000_000_000L, 20L * 104_857_600, 104_857_600, 150 * 1024);
        assertThat(Reporter.statusText(snapshot, OptionalLong.of(30)))
                .isEqualTo("elapsed 2 s  remaining 28 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusText(snapshot, OptionalLong.empty()))
                .isEqualTo("elapsed 2 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
    }

    /**
     * On a terminal the line fits one column less than the screen: the bar first shrinks, then goes; then the
     * passes, the elapsed time and the throughput; the time left and VmRSS stay.
     */
    @Test
    void theTerminalLineFitsTheScreenAndKeepsTheTimeLeftAndVmRss() {
        Snapshot snapshot = new Snapshot(2_000_000_000L, 20L * 104_857_600, 104_857_600, 150 * 1024);
        OptionalLong seconds = OptionalLong.of(30);
        assertThat(Reporter.statusLine(snapshot, seconds, 119)).isEqualTo("[##----------------------]   7% elapsed 2 s"
                + "  remaining 28 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 88)).isEqualTo("[#-------------]   7% elapsed 2 s"
                + "  remaining 28 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 79))
                .isEqualTo("elapsed 2 s  remaining 28 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 59))
                .isEqualTo("elapsed 2 s  remaining 28 s  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 45)).isEqualTo("remaining 28 s  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 39)).isEqualTo("remaining 28 s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, seconds, 19)).isEqualTo("remaining 28 s  Vm\u2026");
    }

    @Test
    void withoutATimeTheTerminalLineSaysHowToStopWhenThereIsRoom() {
        Snapshot snapshot = new Snapshot(2_000_000_000L, 20L * 104_857_600, 104_857_600, 150 * 1024);
        assertThat(Reporter.statusLine(snapshot, OptionalLong.empty(), 79))
                .isEqualTo("elapsed 2 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB  (Ctrl-C stops)");
        assertThat(Reporter.statusLine(snapshot, OptionalLong.empty(), 59))
                .isEqualTo("elapsed 2 s  passes 20  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, OptionalLong.empty(), 39))
                .isEqualTo("elapsed 2 s  1.05 GB/s  VmRSS 150.0 MiB");
        assertThat(Reporter.statusLine(snapshot, OptionalLong.empty(), 38)).isEqualTo("1.05 GB/s  VmRSS 150.0 MiB");
    }

    /** What a 60-column terminal gets: the banner broken between words, the status line rewritten in place. */
    @Test
    void onANarrowTerminalTheBannerIsWrappedAndTheStatusFits() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Reporter reporter = new Reporter(out, OPTIONS, Screen.fixed(60, 20));
        reporter.starting(4242);
        reporter.status(new Snapshot(2_000_000_000L, 20L * 104_857_600, 104_857_600, 150 * 1024));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "vmtool touch: pid 4242, 100 MiB (104857600 bytes) in 1\n"
                + "chunk, mode rw, 1 thread, for 30 s\n"
                + "inspect it with: vmtool pmap -X 4242\n"
                + "\relapsed 2 s  remaining 28 s  1.05 GB/s  VmRSS 150.0 MiB\u001b[K");
    }

    @Test
    void summaryAndJsonAgree() {
        Snapshot last = new Snapshot(3_000_000_000L, 30L * 104_857_600, 104_857_600, 150 * 1024);
        TouchResult result = new TouchResult(42, OPTIONS,
                List.of(new TouchResult.ChunkRange(0x7f0000000010L, 0x7f0006400010L)), last, 160 * 1024,
                StopReason.SIGINT);

        assertThat(Reporter.summary(result)).isEqualTo("Interrupted (SIGINT) after 3.0 s: 30 passes over 100 MiB,"
                + " 3145728000 bytes touched (3.1 GB), 1.05 GB/s; peak VmRSS 160.0 MiB");
        JsonObject json = JsonParser.parseString(Reporter.json(result)).getAsJsonObject();
        assertThat(json.get("pid").getAsLong()).isEqualTo(42);
        assertThat(json.get("schema").getAsString()).isEqualTo("vmtool-touch");
        assertThat(json.get("schema_version").getAsInt()).isEqualTo(2);
        assertThat(json.get("size_kb").getAsLong()).isEqualTo(100 * 1024);
        assertThat(json.get("seconds").getAsDouble()).isEqualTo(3.0);
        assertThat(json.get("passes").getAsLong()).isEqualTo(30);
        assertThat(json.get("bytes_touched").getAsLong()).isEqualTo(3_145_728_000L);
        assertThat(json.get("bytes_per_second").getAsLong()).isEqualTo(1_048_576_000L);
        assertThat(json.get("peak_rss_kb").getAsLong()).isEqualTo(160 * 1024);
        assertThat(json.get("ended").getAsString()).isEqualTo("SIGINT");
        assertThat(json.getAsJsonArray("chunks").get(0).getAsJsonObject().get("start").getAsString())
                .isEqualTo("0x7f0000000010");
    }
}
