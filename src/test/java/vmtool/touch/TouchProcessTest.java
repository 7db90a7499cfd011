package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vmtool.ChildLines;
import vmtool.DiesWithTheJvm;
import vmtool.JdkFlags;

/**
 * {@code vmtool touch} in a child JVM started from the test classpath (surefire runs before the jar exists),
 * checked from outside: /proc/PID/status, the real /usr/bin/pmap, signals, exit status.
 */
@Tag("slow")
class TouchProcessTest {
    private static final Pattern CHUNK = Pattern.compile("chunk 0: 0x([0-9a-f]+)-0x([0-9a-f]+) \\((\\d+) bytes\\)");
    private static final long MIB = 1 << 20;

    /** A running child; its stdout lines arrive in a queue; always killed in close(). */
    private static final class Child implements AutoCloseable {
        final Process process;
        final ChildLines lines;

        Child(String... args) throws IOException {
            this(ProcessBuilder.Redirect.PIPE, args);
        }

        Child(ProcessBuilder.Redirect stdout, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx64m", "-XX:MaxDirectMemorySize=2g",
                    "-cp", System.getProperty("java.class.path"), "vmtool.Main", "touch"));
            command.addAll(1, JdkFlags.forThisJdk());
            command.addAll(List.of(args));
            process = DiesWithTheJvm.start(new ProcessBuilder(command).redirectOutput(stdout));
            lines = new ChildLines(process.getInputStream());
        }

        /** Waits for a line that matches; fails after 30 s. */
        Matcher await(Pattern pattern) throws InterruptedException {
            String line = lines.await(candidate -> pattern.matcher(candidate).find(), Duration.ofSeconds(30));
            if (line == null) {
                throw new AssertionError("no line matching " + pattern + " in " + lines.all() + "; stderr: "
                        + stderr());
            }
            Matcher matcher = pattern.matcher(line);
            matcher.find();
            return matcher;
        }

        int waitFor() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
            return process.exitValue();
        }

        /** Everything written to stdout so far (after the process ended: all of it). */
        String stdout() throws InterruptedException {
            Thread.sleep(50);
            return String.join("\n", lines.all());
        }

        String stderr() {
            try {
                return new String(process.getErrorStream().readNBytes(process.isAlive() ? 0 : 1 << 20),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void signal(String name) throws Exception {
            assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor())
                    .isZero();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void memoryIsResidentAtThePrintedAddressAsStatusAndPmapSee() throws Exception {
        try (Child child = new Child("64", "--interval", "0.2")) {
            // The pid and the pmap command first, before the memory is allocated.
            child.await(Pattern.compile("inspect it with: vmtool pmap -X " + child.process.pid()));
            Matcher chunk = child.await(CHUNK);
            long start = Long.parseUnsignedLong(chunk.group(1), 16);
            long end = Long.parseUnsignedLong(chunk.group(2), 16);
            assertThat(end - start).isEqualTo(64 * MIB);
            child.await(Pattern.compile("^elapsed "));

            long rssKb = Long.parseLong(Files.readAllLines(Path.of("/proc/" + child.process.pid() + "/status"))
                    .stream().filter(line -> line.startsWith("VmRSS:")).findFirst().orElseThrow()
                    .replaceAll("\\D", ""));
            assertThat(rssKb).isGreaterThan(64 * 1024);

            // pmap -X: the anonymous mapping that holds the printed range is resident.
            Process pmap = new ProcessBuilder("/usr/bin/pmap", "-X", Long.toString(child.process.pid())).start();
            List<String> rows = new String(pmap.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(pmap.waitFor()).isZero();
            List<String> header = List.of(rows.get(1).trim().split("\\s+"));
            int rssColumn = header.indexOf("Rss");
            int anonymousColumn = header.indexOf("Anonymous");
            long residentKb = 0;
            for (String row : rows.subList(2, rows.size())) {
                String[] cells = row.trim().split("\\s+");
                if (cells.length <= anonymousColumn || !cells[0].matches("[0-9a-f]+")) {
                    continue;
                }
                long mapStart = Long.parseUnsignedLong(cells[0], 16);
                long mapEnd = mapStart + Long.parseLong(cells[header.indexOf("Size")]) * 1024;
                if (mapStart < end && start < mapEnd) {
                    assertThat(cells[header.indexOf("Inode")]).isEqualTo("0");
                    assertThat(Long.parseLong(cells[anonymousColumn])).isEqualTo(Long.parseLong(cells[rssColumn]));
                    residentKb += Long.parseLong(cells[rssColumn]);
                }
            }
            assertThat(residentKb).isGreaterThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void endsByItselfWhenTheTimeIsUp() throws Exception {
        try (Child child = new Child("64", "--seconds", "1")) {
            assertThat(child.waitFor()).isZero();
            assertThat(child.stdout()).contains("Performing cleanup").endsWith("Freed.");
            // Never before the time asked for; how much after depends on the machine's load.
            java.util.regex.Matcher up = java.util.regex.Pattern.compile("Time up after (\\d+\\.\\d) s")
                    .matcher(child.stdout());
            assertThat(up.find()).as(child.stdout()).isTrue();
            assertThat(Double.parseDouble(up.group(1))).isGreaterThanOrEqualTo(1.0);
        }
    }

    /** The two options that call libc (madvise, mlock, munlock), in a run that ends by itself. */
    @Test
    void hugePagesAndLockAreAskedForAndUndoneAtTheEnd() throws Exception {
        try (Child child = new Child("16", "--seconds", "1", "--hugepages", "--lock")) {
            assertThat(child.waitFor()).isZero();
            assertThat(child.stdout()).contains("huge pages: advised").contains("locked in RAM")
                    .contains("Performing cleanup: unlocking and freeing 16 MiB").endsWith("Freed.");
            assertThat(child.stderr()).isEmpty();
        }
    }

    @Test
    void addressLinesStartAtOnceEvenInAOneSecondRun() throws Exception {
        try (Child child = new Child("16", "--seconds", "1", "--addresses")) {
            assertThat(child.waitFor()).isZero();
            List<String> addresses = child.stdout().lines().filter(line -> line.startsWith("Address of array[")).toList();
            // Ten a second, spread out: a run of one second shows several, never a flood.
            assertThat(addresses).hasSizeBetween(3, 12);
            assertThat(addresses.get(0)).matches("Address of array\\[\\d+\\]: 0x[0-9a-f]+");
        }
    }

    @Test
    void sigintCleansUpAndExits130() throws Exception {
        signalCleansUp("INT", 130, "Interrupted (SIGINT)");
    }

    @Test
    void sigtermCleansUpAndExits143() throws Exception {
        signalCleansUp("TERM", 143, "Terminated (SIGTERM)");
    }

    @Test
    void sighupCleansUpAndExits129() throws Exception {
        // Under nohup the children inherit SIGHUP ignored, and touch leaves it so, as nohup means it to.
        org.junit.jupiter.api.Assumptions.assumeFalse(sighupIgnoredHere(),
                "SIGHUP is ignored in this environment (nohup?): a child cannot be hung up");
        signalCleansUp("HUP", 129, "Hung up (SIGHUP)");
    }

    /** Whether this JVM (and so any child it starts) has SIGHUP ignored: bit 0 of SigIgn in /proc/self/status. */
    private static boolean sighupIgnoredHere() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 1) != 0;
            }
        }
        return false;
    }

    /** 1024 threads on a machine with few CPUs: the time limit still holds, and so does a signal right after start. */
    @Test
    void manyThreadsEndOnTimeAndOnSigterm() throws Exception {
        long start = System.nanoTime();
        try (Child child = new Child("64", "--seconds", "2", "--threads", "1024")) {
            assertThat(child.waitFor()).isZero();
            assertThat(child.stdout()).contains("1024 threads").contains("Time up after 2.").endsWith("Freed.");
        }
        assertThat(System.nanoTime() - start).as("ended well within the deadline's bound").isLessThan(20_000_000_000L);
        try (Child child = new Child("64", "--threads", "1024")) {
            child.await(Pattern.compile("^chunk 0: "));
            long signalled = System.nanoTime();
            child.signal("TERM");
            assertThat(child.waitFor()).isEqualTo(143);
            assertThat(System.nanoTime() - signalled).isLessThan(10_000_000_000L);
            assertThat(child.stdout()).contains("Terminated (SIGTERM)").endsWith("Freed.");
        }
    }

    /**
     * The same on CPUs that other processes keep busy (eight busy loops for two CPUs): every thread must be scheduled
     * to start, and those that touch memory to stop. Before touch took turns, the stop of 1024 busy threads took
     * 1.3-2.8 s more there.
     */
    @Test
    void manyThreadsEndOnTimeOnBusyCpus() throws Exception {
        List<Process> busy = new ArrayList<>();
        try {
            for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
                busy.add(DiesWithTheJvm.start(new ProcessBuilder("sh", "-c", "while :; do :; done")));
            }
            for (String seconds : List.of("2", "4")) {
                try (Child child = new Child("64", "--seconds", seconds, "--threads", "1024")) {
                    assertThat(child.waitFor()).isZero();
                    assertThat(child.stdout()).contains("Time up after " + seconds + ".").endsWith("Freed.");
                }
            }
        } finally {
            for (Process process : busy) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /** A signal as soon as the pid is printed, while the memory may still be being zeroed. */
    @Test
    void aSignalDuringAllocationEndsTheRun() throws Exception {
        try (Child child = new Child("1100", "--interval", "0.1")) {
            Matcher pid = child.await(Pattern.compile("^vmtool touch: pid (\\d+), 1100 MiB"));
            assertThat(Long.parseLong(pid.group(1))).isEqualTo(child.process.pid());
            child.signal("INT");
            assertThat(child.waitFor()).isEqualTo(130);
            assertThat(child.stdout()).contains("Interrupted (SIGINT)").endsWith("Freed.");
        }
    }

    /** The reader of stdout goes away (vmtool touch 64 | head -1): touch ends within an interval, 141, quietly. */
    @Test
    void aClosedPipeEndsTheRunWith141() throws Exception {
        try (Child child = new Child("64", "--interval", "0.2")) {
            child.await(Pattern.compile("^elapsed "));
            child.process.getInputStream().close();
            assertThat(child.waitFor()).isEqualTo(141);
            assertThat(child.stderr()).isEmpty();
        }
    }

    @Test
    void devFullIsOneLineAndStatus74() throws Exception {
        for (List<String> args : List.of(List.of("16", "--seconds", "1"), List.of("16", "--seconds", "1", "--json"))) {
            try (Child child = new Child(ProcessBuilder.Redirect.to(new java.io.File("/dev/full")),
                    args.toArray(String[]::new))) {
                assertThat(child.waitFor()).isEqualTo(74);
                assertThat(child.stderr()).isEqualTo("vmtool touch: cannot write the output: No space left on device\n");
            }
        }
    }

    private static void signalCleansUp(String signal, int status, String summary) throws Exception {
        try (Child child = new Child("64", "--interval", "0.2", "--lock")) {
            child.await(Pattern.compile("^elapsed "));
            child.signal(signal);
            assertThat(child.waitFor()).isEqualTo(status);
            assertThat(child.stdout()).contains(summary).contains("Performing cleanup: unlocking and freeing 64 MiB")
                    .endsWith("Freed.");
            assertThat(child.stderr()).isEmpty();
        }
    }

    @Test
    void jsonOnSigintHasConsistentNumbers() throws Exception {
        try (Child child = new Child("64", "--json")) {
            // --json prints nothing until the end: wait until the buffer is resident, which comes after the signal
            // handlers are installed (a SIGINT before that would end the JVM without a summary).
            awaitResident(child.process.pid(), 64 * 1024);
            Thread.sleep(300);
            child.signal("INT");
            assertThat(child.waitFor()).isEqualTo(130);
            JsonObject json = JsonParser.parseString(child.stdout()).getAsJsonObject();
            assertThat(json.get("pid").getAsLong()).isEqualTo(child.process.pid());
            assertThat(json.get("ended").getAsString()).isEqualTo("SIGINT");
            long touched = json.get("bytes_touched").getAsLong();
            assertThat(json.get("passes").getAsLong()).isEqualTo(touched / (64 * MIB));
            assertThat(json.get("peak_rss_kb").getAsLong()).isGreaterThan(64 * 1024);
        }
    }

    private static void awaitResident(long pid, long kb) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:") && Long.parseLong(line.replaceAll("[^0-9]", "")) >= kb) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("process " + pid + " never had " + kb + " kB resident");
    }

    @Test
    void moreThanTwoGibibytesIsSplitIntoChunks() throws Exception {
        try (Child child = new Child("1100", "--seconds", "1", "--mode", "page")) {
            child.await(Pattern.compile("1100 MiB \\(1153433600 bytes\\) in 2 chunks"));
            child.await(Pattern.compile("chunk 0: 0x[0-9a-f]+-0x[0-9a-f]+ \\(1073741824 bytes\\)"));
            child.await(Pattern.compile("chunk 1: 0x[0-9a-f]+-0x[0-9a-f]+ \\(79691776 bytes\\)"));
            assertThat(child.waitFor()).isZero();
        }
    }

    @Test
    void aDirectMemoryLimitTooSmallSaysHowToRaiseIt() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxDirectMemorySize=16m", "-cp", System.getProperty("java.class.path"), "vmtool.Main",
                "touch", "64", "--seconds", "1"));
        command.addAll(1, JdkFlags.forThisJdk());
        Process process = new ProcessBuilder(command).start();
        try {
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isEqualTo(3);
            assertThat(err).startsWith("vmtool touch: cannot allocate 64 MiB: the JVM's direct-memory limit is 16 MiB")
                    .contains("-XX:MaxDirectMemorySize=").doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }
}
