package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of the machine with a process of 60,024 mappings (30,000 pairs of scripts/many-mappings.c, its smaps
 * ~60 MB), read back by share and anatomy --tree PID through scripts/vmtool with its real heap flags (run by failsafe,
 * on the jar that package made): each within the 64 MiB of peak resident memory that issue 20 sets, as GNU time
 * measures it, and printing what the same command prints in this test's JVM, whose heap is not bounded. Before
 * the capture's smaps were streamed, both ran out of the launcher's heap (status 4).
 */
class CaptureManyMappingsIT {
    private static final int PAIRS = 30_000;
    private static final long MAX_RSS_KB = 64 * 1024;

    @TempDir
    static Path dir;
    private static ManyMappingsProcess big;
    private static Path capture;

    @BeforeAll
    static void captureTheMachineWithTheBigProcess() throws Exception {
        big = ManyMappingsProcess.start(dir, PAIRS);
        capture = dir.resolve("machine.cap");
        ManyMappingsProcess.Run made = ManyMappingsProcess.launch(dir, List.of(), "ps", "--capture",
                capture.toString());
        assertThat(made.status()).as(made.err()).isZero();
    }

    @AfterAll
    static void endIt() throws Exception {
        if (big != null) {
            big.close();
        }
    }

    @Test
    void shareOfTheBigProcessFitsAndPrintsWhatAnUnboundedHeapPrints() throws Exception {
        check("share", "--file", capture.toString(), Long.toString(big.pid()));
    }

    /**
     * The big process's tree (itself alone), not the machine's (--tree 1): each big process counted leaves its model
     * in the old generation until G1 collects it, so the peak grows with the number of such processes on the
     * machine (docs/performance.md); this test's machine may have others'.
     */
    @Test
    void anatomyOfTheBigProcessFitsAndPrintsWhatAnUnboundedHeapPrints() throws Exception {
        String out = check("anatomy", "--file", capture.toString(), "--tree", Long.toString(big.pid()));
        int mappings = Files.readAllLines(Path.of("/proc", Long.toString(big.pid()), "maps")).size();
        assertThat(mappings).isEqualTo(2 * PAIRS + 24);
        // The big process's row, with every mapping it had.
        assertThat(out).containsPattern("(?m)^ *" + big.pid() + " +many-mappings +" + mappings + " ");
    }

    /** Runs the command through the launcher and in this JVM; checks the peak RSS and that both print the same. */
    private static String check(String... args) throws Exception {
        Path peak = dir.resolve("peak");
        ManyMappingsProcess.Run run = ManyMappingsProcess.launch(dir, List.of("/usr/bin/time", "-f", "%M", "-o",
                peak.toString()), args);
        assertThat(run.err()).as("vmtool %s", String.join(" ", args)).isEmpty();
        assertThat(run.status()).as("vmtool %s", String.join(" ", args)).isZero();
        // GNU time's last line is %M (a line before it says a status that was not 0).
        List<String> timeLines = Files.readAllLines(peak);
        long peakKb = Long.parseLong(timeLines.get(timeLines.size() - 1).strip());
        assertThat(peakKb).as("peak RSS (kB) of vmtool %s", String.join(" ", args)).isPositive()
                .isLessThanOrEqualTo(MAX_RSS_KB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(CommandLineFactory.run(args, out, err)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run.out()).isEqualTo(out.toString(StandardCharsets.UTF_8));
        return run.out();
    }
}
