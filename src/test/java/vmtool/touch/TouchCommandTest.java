package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.JsonSchemaCheck;
import vmtool.cli.CommandLineFactory;
import vmtool.ExitCode;
import vmtool.output.RealWriteFailures;

/** {@code vmtool touch} as users run it, in this JVM: exit status and what is written. */
class TouchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    java.nio.file.Path temp;

    private int run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "touch";
        System.arraycopy(args, 0, full, 1, args.length);
        return CommandLineFactory.run(full, out, err);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "1.5", "99999999999999999999", "100 extra", "100 --seconds 0",
        "100 --seconds -3", "100 --seconds x", "100 --bogus", "", "100 --mode fast", "100 --threads 0",
        "100 --interval 0", "100 --quiet --json"})
    void badInputIsOneLineOnStderrAndUsageStatus(String args) {
        int status = run(args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(status).isEqualTo(ExitCode.USAGE);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("vmtool touch: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void moreThanMemAvailableIsRefusedBeforeAllocating() {
        int status = run("8000000000", "--seconds", "1");

        assertThat(status).isEqualTo(ExitCode.TOUCH_FAILURE);
        assertThat(err()).startsWith("vmtool touch: 8000000000 MiB is more than the memory available (MemAvailable: ")
                .contains("--force");
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void quietShowsOnlyTheSummary() {
        int status = run("1", "--seconds", "1", "--quiet");

        assertThat(status).isEqualTo(ExitCode.OK);
        assertThat(out()).startsWith("Time up after ").contains("Performing cleanup").doesNotContain("elapsed");
        assertThat(err()).isEmpty();
    }

    /** getopt's rules, as for pmap: options before MB, --name=value, unique prefixes, the last of a repeat. */
    @Test
    void optionsAreReadByGetoptRules() {
        int status = run("--seconds", "9", "--sec=1", "--qu", "--mode", "page", "1");

        assertThat(status).isEqualTo(ExitCode.OK);
        assertThat(err()).isEmpty();
        assertThat(out()).startsWith("Time up after 1.").contains("Performing cleanup");
    }

    @Test
    void jsonIsOneObjectWithConsistentNumbers() {
        int status = run("2", "--seconds", "1", "--json", "--mode", "write", "--threads", "2");

        assertThat(status).isEqualTo(ExitCode.OK);
        JsonSchemaCheck.assertValid("touch", out());
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertThat(json.get("size_kb").getAsLong()).isEqualTo(2 * 1024);
        assertThat(json.get("mode").getAsString()).isEqualTo("write");
        assertThat(json.get("ended").getAsString()).isEqualTo("time");
        assertThat(json.get("pid").getAsLong()).isEqualTo(ProcessHandle.current().pid());
        long bytes = 2L << 20;
        long touched = json.get("bytes_touched").getAsLong();
        assertThat(json.get("passes").getAsLong()).isEqualTo(touched / bytes).isPositive();
        double seconds = json.get("seconds").getAsDouble();
        assertThat(seconds).isBetween(1.0, 30.0);
        assertThat((double) json.get("bytes_per_second").getAsLong()).isCloseTo(touched / seconds,
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(json.get("peak_rss_kb").getAsLong()).isGreaterThan(bytes >> 10);
    }

    @Test
    void theHomeworksSecondArgumentGetsAPointerToSeconds() {
        int status = run("10", "2");

        assertThat(status).isEqualTo(ExitCode.USAGE);
        assertThat(err().strip()).isEqualTo("vmtool touch: one size MB, not 2: for 2 seconds write"
                + " 'vmtool touch 10 --seconds 2' (see 'vmtool touch --help')");
    }

    /** A stdout whose writes fail as the kernel makes them fail: into a FIFO without reader, or /dev/full. */
    private int runWithFailingOutput(boolean closedPipe, String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "touch";
        System.arraycopy(args, 0, full, 1, args.length);
        try (java.io.OutputStream failing = closedPipe ? RealWriteFailures.closedPipe(temp)
                : RealWriteFailures.full()) {
            return CommandLineFactory.run(full, failing, err);
        }
    }

    @Test
    void aClosedPipeEndsTheRunQuietlyWith141() throws Exception {
        long start = System.nanoTime();
        int status = runWithFailingOutput(true, "1");

        assertThat(status).isEqualTo(ExitCode.BROKEN_PIPE);
        assertThat(err()).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void aFailedWriteIsOneLineAndStatus74() throws Exception {
        for (String[] args : List.of(new String[] {"1", "--seconds", "1"}, new String[] {"1", "--seconds", "1", "--json"})) {
            err.reset();
            int status = runWithFailingOutput(false, args);

            assertThat(status).isEqualTo(ExitCode.OUTPUT_ERROR).isEqualTo(74);
            assertThat(err()).isEqualTo("vmtool touch: cannot write the output: No space left on device\n");
        }
    }

    @Test
    void theInspectHintQuotesALauncherPathForTheShell() {
        String before = System.getProperty("vmtool.launcher");
        System.setProperty("vmtool.launcher", "/tmp/my tools/it's/vmtool");
        try {
            int status = run("1", "--seconds", "1");

            assertThat(status).isEqualTo(ExitCode.OK);
            assertThat(out()).contains("inspect it with: '/tmp/my tools/it'\\''s/vmtool' pmap -X ");
        } finally {
            if (before == null) {
                System.clearProperty("vmtool.launcher");
            } else {
                System.setProperty("vmtool.launcher", before);
            }
        }
        out.reset();
        System.setProperty("vmtool.launcher", "/opt/vmtool-1.0/bin/vmtool");
        try {
            run("1", "--seconds", "1");
            assertThat(out()).contains("inspect it with: /opt/vmtool-1.0/bin/vmtool pmap -X ");
        } finally {
            if (before == null) {
                System.clearProperty("vmtool.launcher");
            } else {
                System.setProperty("vmtool.launcher", before);
            }
        }
    }

    @Test
    void thePidLineComesBeforeTheChunks() {
        run("2", "--seconds", "1");

        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("vmtool touch: pid " + ProcessHandle.current().pid() + ", 2 MiB");
        assertThat(lines.get(1)).startsWith("inspect it with: ");
        assertThat(lines.get(2)).startsWith("chunk 0: 0x");
    }
}
