package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of the machine with a process of 60,024 mappings (30,000 pairs of scripts/many-mappings.c, its smaps
 * ~60 MB), read back by share and anatomy --tree through scripts/vmtool with its real heap flags (run by failsafe,
 * on the jar that package made): each within the 64 MiB of peak resident memory that issue 20 sets, as GNU time
 * measures it, and printing what the same command prints in this test's JVM, whose heap is not bounded. Before
 * the capture's smaps were streamed, both ran out of the launcher's heap (status 4).
 */
class CaptureManyMappingsIT {
    private static final Path LAUNCHER = Path.of("scripts/vmtool").toAbsolutePath();
    private static final int PAIRS = 30_000;
    private static final long MAX_RSS_KB = 64 * 1024;

    @TempDir
    static Path dir;
    private static Process big;
    private static OutputStream bigStdin;
    private static Path capture;

    @BeforeAll
    static void captureTheMachineWithTheBigProcess() throws Exception {
        Path binary = dir.resolve("many-mappings");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(),
                Path.of("scripts/many-mappings.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0).as(gccOutput).isTrue();
        big = new ProcessBuilder(binary.toString(), Integer.toString(PAIRS)).start();
        bigStdin = big.getOutputStream(); // it runs until its stdin closes
        byte[] ready = big.getInputStream().readNBytes("ready\n".length());
        assertThat(new String(ready, StandardCharsets.US_ASCII)).isEqualTo("ready\n");
        capture = dir.resolve("machine.cap");
        Result made = launch(false, "ps", "--capture", capture.toString());
        assertThat(made.status()).as(made.err()).isZero();
    }

    @AfterAll
    static void endIt() throws Exception {
        if (big != null) {
            bigStdin.close();
            if (!big.waitFor(10, TimeUnit.SECONDS)) {
                big.destroyForcibly();
            }
        }
    }

    @Test
    void shareOfTheBigProcessFitsAndPrintsWhatAnUnboundedHeapPrints() throws Exception {
        check("share", "--file", capture.toString(), Long.toString(big.pid()));
    }

    @Test
    void anatomyOfEveryProcessFitsAndPrintsWhatAnUnboundedHeapPrints() throws Exception {
        String out = check("anatomy", "--file", capture.toString(), "--tree", "1");
        int mappings = Files.readAllLines(Path.of("/proc", Long.toString(big.pid()), "maps")).size();
        assertThat(mappings).isEqualTo(2 * PAIRS + 24);
        // The big process's row, with every mapping it had.
        assertThat(out).containsPattern("(?m)^ *" + big.pid() + " +many-mappings +" + mappings + " ");
    }

    /** Runs the command through the launcher and in this JVM; checks the peak RSS and that both print the same. */
    private static String check(String... args) throws Exception {
        Result run = launch(true, args);
        assertThat(run.err()).as("vmtool %s", String.join(" ", args)).isEmpty();
        assertThat(run.status()).as("vmtool %s", String.join(" ", args)).isZero();
        assertThat(run.peakKb()).as("peak RSS (kB) of vmtool %s", String.join(" ", args)).isPositive()
                .isLessThanOrEqualTo(MAX_RSS_KB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(CommandLineFactory.run(args, out, err)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run.out()).isEqualTo(out.toString(StandardCharsets.UTF_8));
        return run.out();
    }

    private record Result(int status, String out, String err, long peakKb) {
    }

    /** Runs the launcher, under GNU time when {@code timed}; its output goes to files. */
    private static Result launch(boolean timed, String... args) throws Exception {
        Path peak = dir.resolve("peak");
        List<String> command = new ArrayList<>();
        if (timed) {
            command.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", peak.toString()));
        }
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("vmtool %s ended", String.join(" ", args)).isTrue();
            // GNU time's last line is %M (a line before it says a status that was not 0).
            List<String> timeLines = timed ? Files.readAllLines(peak) : List.of("0");
            long peakKb = Long.parseLong(timeLines.get(timeLines.size() - 1).strip());
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err), peakKb);
        } finally {
            process.destroyForcibly();
        }
    }
}
