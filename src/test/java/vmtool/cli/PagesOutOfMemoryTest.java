package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ChildVmtool;
import vmtool.ExitCode;

/**
 * {@code pages --runs} of a mapping of more runs than a small heap holds says what helps, and each thing it says
 * works: a part of the mapping, no --runs, or the heap it names. The mapping: 8 GiB with every other page read
 * (scripts/half-present.c ... read), 2,097,152 runs that take no memory where the kernel maps its zero page there.
 */
@Tag("slow")
class PagesOutOfMemoryTest {
    private static final long GIB = 8;
    private static final long PAGES = (GIB << 30) / 4096;
    /** Enough for pages without runs (which takes no memory per page), not for these runs. */
    private static final String SMALL_HEAP = "-Xmx12m";
    private static final Pattern ADVICE = Pattern.compile("vmtool pages: out of memory holding the runs of (\\d+)"
            + " pages \\(the heap is kept small so that vmtool stays small\\): ask for part of it \\(ADDRESS or"
            + " LOW-HIGH\\), or leave out --runs \\(the counts take no memory per page\\), or run it with"
            + " VMTOOL_JAVA_OPTIONS=(-Xmx(\\d+)m)\n");

    @TempDir
    Path dir;

    @Test
    void theAdviceOnTooManyRunsIsWhatWorks() throws Exception {
        Path binary = dir.resolve("half-present");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", binary.toString(),
                Path.of("scripts/half-present.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0).as(gccOutput).isTrue();
        // It runs until its standard input closes.
        Process helper = new ProcessBuilder(binary.toString(), Long.toString(GIB), "1", "read").start();
        try (OutputStream stdin = helper.getOutputStream()) {
            assertThat(new String(helper.getInputStream().readNBytes(6), StandardCharsets.US_ASCII))
                    .isEqualTo("ready\n");
            String pid = Long.toString(helper.pid());
            Assumptions.assumeTrue(FamilyHelper.rollup(helper.pid(), "Rss") < 256 * 1024,
                    "this kernel gave real pages, not the zero page, for the pages read");
            String mapping = mapping(helper.pid());

            Run small = run(List.of(SMALL_HEAP), "pages", "--runs", pid);
            assertThat(small.status).as(small.err).isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(small.out).isEmptyFile();
            Matcher advice = ADVICE.matcher(small.err);
            assertThat(advice.matches()).as(small.err).isTrue();
            // Every page of the process: the big mapping's and a few dozen more.
            assertThat(Long.parseLong(advice.group(1))).isBetween(PAGES, PAGES + 10_000);

            // Each remedy it names works: no --runs, or part of the mapping, in the same small heap...
            Run counts = run(List.of(SMALL_HEAP), "pages", pid);
            assertThat(counts.status).as(counts.err).isZero();
            String part = mapping.substring(0, mapping.indexOf('-')) + "-" + Long.toHexString(
                    Long.parseLong(mapping.substring(0, mapping.indexOf('-')), 16) + (64L << 20));
            Run someRuns = run(List.of(SMALL_HEAP), "pages", "--runs", pid, part);
            assertThat(someRuns.status).as(someRuns.err).isZero();
            assertThat(runLines(someRuns.out, part)).isEqualTo((64L << 20) / 4096);

            // ...or the heap it names, which holds every run.
            Run big = run(List.of(advice.group(2)), "pages", "--runs", pid);
            assertThat(big.status).as(big.err).isZero();
            assertThat(runLines(big.out, mapping)).isEqualTo(PAGES);
        } finally {
            if (!helper.waitFor(30, TimeUnit.SECONDS)) {
                helper.destroyForcibly();
            }
        }
    }

    private record Run(int status, String err, Path out) {
    }

    /** vmtool in a JVM of its own with {@code flags}; its output in a file (the runs are ~100 MB of text). */
    private Run run(List<String> flags, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process vmtool = new ProcessBuilder(ChildVmtool.command(flags, List.of(args))).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(vmtool.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(vmtool.exitValue(), Files.readString(err), out);
    }

    /** The number of runs listed under "runs of RANGE", the output read as it streams. */
    private static long runLines(Path out, String range) throws IOException {
        long lines = 0;
        boolean in = false;
        try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("runs of ")) {
                    in = line.startsWith("runs of " + range + " ");
                } else if (in && line.startsWith("  ")) {
                    lines++;
                }
            }
        }
        return lines;
    }

    /** The range of the 8 GiB mapping, as maps writes it. */
    private static String mapping(long pid) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            String range = line.substring(0, line.indexOf(' '));
            String[] ends = range.split("-");
            if (Long.parseUnsignedLong(ends[1], 16) - Long.parseUnsignedLong(ends[0], 16) == GIB << 30) {
                found.add(range);
            }
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
