package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.ExitCode;
import vmtool.Fixture;
import vmtool.JsonSchemaCheck;

/**
 * Every command through its real command line on the fake /proc ({@link Fixture}): the whole standard output against
 * its golden file in {@code src/test/golden/commands}, standard error against the {@code .err} file beside it (absent
 * when nothing may be written there), and the exit status. pmap's golden files are /usr/bin/pmap's own output for the
 * captured process ({@code src/test/golden/pmap}); the others were written by vmtool with
 * {@code -Dvmtool.golden.update=true} and read line by line against the captured smaps before they were committed.
 */
class CommandGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("vmtool.golden.update");
    private static final String SLEEP = "32436";
    private static final String ANATOMY = "22508";
    private static final String KTHREADD = "2";
    /** Addresses the anatomy helper printed (src/test/proc/22508.printed.txt), and one below every mapping. */
    private static final String[] WHERE = {"0x559d10e4a55e", "0x559d36a8f4e0", "0x7fff1f8ea1fc", "0x7f93553185b0",
        "0x7f93552c1ecf", "0x7f93554ad001", "0x7f9353ab400a", "0x1000"};
    private static final String BEFORE = Fixture.SAVED.resolve("differ-before.smaps").toString();
    private static final String AFTER = Fixture.SAVED.resolve("differ-after.smaps").toString();
    /** A kernel thread's smaps, saved: 0 bytes. */
    private static final String KTHREADD_SAVED = Fixture.SAVED.resolve("kthreadd.smaps").toString();

    /** One command line: its golden file's name, the status it exits with, and the run. */
    record Case(String golden, int status, Fixture fixture) {
        @Override
        public String toString() {
            return golden;
        }
    }

    private static Case of(String golden, int status, String... args) {
        return new Case(golden, status, Fixture.vmtool(args));
    }

    private static Case onTerminal(String golden, int columns, String... args) {
        return new Case(golden, ExitCode.OK, Fixture.vmtool(args).onTerminal(columns, 24));
    }

    static Stream<Case> pmapCases() {
        return Stream.of(
                of("pmap/32436.pmap.txt", 0, "pmap", SLEEP),
                of("pmap/32436.pmap-x.txt", 0, "pmap", "-x", SLEEP),
                of("pmap/32436.pmap-x-p.txt", 0, "pmap", "-x", "-p", SLEEP),
                of("pmap/32436.pmap-d.txt", 0, "pmap", "-d", SLEEP),
                of("pmap/32436.pmap-d-q.txt", 0, "pmap", "-dq", SLEEP),
                of("pmap/32436.pmap-X.txt", 0, "pmap", "-X", SLEEP),
                of("pmap/32436.pmap-X-q.txt", 0, "pmap", "-X", "-q", SLEEP),
                of("pmap/32436.pmap-XX.txt", 0, "pmap", "-XX", SLEEP),
                of("pmap/32436.pmap-XX-p.txt", 0, "pmap", "-XX", "-p", SLEEP),
                // pmap's PIDs may be written as /proc/PID, as procps allows.
                of("pmap/32436.pmap-X.txt", 0, "pmap", "-X", "/proc/" + SLEEP),
                // A kernel thread: an empty smaps, as procps shows it.
                of("pmap/2.pmap.txt", 0, "pmap", KTHREADD),
                of("pmap/2.pmap-x.txt", 0, "pmap", "-x", KTHREADD),
                of("pmap/2.pmap-X.txt", 0, "pmap", "-X", KTHREADD),
                of("pmap/2.pmap-d.txt", 0, "pmap", "-d", KTHREADD));
    }

    static Stream<Case> commandCases() {
        return Stream.of(
                of("commands/pmap-json.out", 0, "pmap", "--json", SLEEP),
                of("commands/pmap-csv.out", 0, "pmap", "--csv", SLEEP),
                of("commands/pmap-missing.out", ExitCode.PMAP_NO_SUCH_PROCESS, "pmap", "4242"),
                of("commands/anatomy.out", 0, "anatomy", ANATOMY),
                of("commands/anatomy-explain.out", 0, "anatomy", "--explain", ANATOMY),
                of("commands/anatomy-detail.out", 0, "anatomy", "--detail", ANATOMY),
                of("commands/anatomy-json.out", 0, "anatomy", "--json", "--detail", ANATOMY),
                of("commands/anatomy-csv.out", 0, "anatomy", "--csv", ANATOMY),
                onTerminal("commands/anatomy-80.out", 80, "anatomy", ANATOMY),
                onTerminal("commands/anatomy-60.out", 60, "anatomy", "--detail", ANATOMY),
                of("commands/where.out", ExitCode.DIFFERENT, where()),
                of("commands/where-json.out", ExitCode.DIFFERENT, where("--json")),
                of("commands/where-csv.out", ExitCode.DIFFERENT, where("--csv")),
                onTerminal("commands/where-60.out", 60, "where", ANATOMY, WHERE[0], WHERE[4]),
                of("commands/map.out", 0, "map", ANATOMY),
                onTerminal("commands/map-80.out", 80, "map", ANATOMY),
                of("commands/map-svg.out", 0, "map", ANATOMY, "--svg", "-"),
                of("commands/watch.out", 0, "watch", "--count", "2", "--interval", "0.1", ANATOMY),
                of("commands/diff.out", ExitCode.DIFFERENT, "diff", BEFORE, AFTER),
                of("commands/diff-json.out", ExitCode.DIFFERENT, "diff", "--json", BEFORE, AFTER),
                of("commands/diff-csv.out", ExitCode.DIFFERENT, "diff", "--csv", BEFORE, AFTER),
                of("commands/diff-same.out", ExitCode.OK, "diff", BEFORE, BEFORE),
                of("commands/anatomy-missing.out", ExitCode.INPUT_FAILURE, "anatomy", "4242"),
                of("commands/where-unmapped-only.out", ExitCode.DIFFERENT, "where", SLEEP, "0x10"),
                of("commands/touch-no-size.out", ExitCode.USAGE, "touch"),
                // A kernel thread has no user address space: one line, not an empty anatomy or a gap 0-top.
                of("commands/anatomy-kthread.out", ExitCode.INPUT_FAILURE, "anatomy", KTHREADD),
                of("commands/where-kthread.out", ExitCode.INPUT_FAILURE, "where", KTHREADD, "0x1000"),
                of("commands/map-kthread.out", ExitCode.INPUT_FAILURE, "map", KTHREADD),
                of("commands/watch-kthread.out", ExitCode.INPUT_FAILURE, "watch", "--count", "1", KTHREADD),
                of("commands/pmap-json-kthread.out", ExitCode.PMAP_FAILURE, "pmap", "--json", KTHREADD),
                of("commands/pmap-file-kthread.out", ExitCode.OK, "pmap", "-x", "--file", KTHREADD_SAVED),
                of("commands/anatomy-file-kthread.out", ExitCode.INPUT_FAILURE, "anatomy", "--file", KTHREADD_SAVED),
                of("commands/diff-kthread.out", ExitCode.INPUT_FAILURE, "diff", KTHREADD_SAVED, KTHREADD_SAVED));
    }

    private static String[] where(String... options) {
        String[] args = new String[2 + options.length + WHERE.length];
        args[0] = "where";
        System.arraycopy(options, 0, args, 1, options.length);
        args[1 + options.length] = ANATOMY;
        System.arraycopy(WHERE, 0, args, 2 + options.length, WHERE.length);
        return args;
    }

    /** pmap through the command line prints, byte for byte, what /usr/bin/pmap printed for the captured process. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pmapCases")
    void pmapPrintsWhatProcpsPrinted(Case c) throws IOException {
        Fixture.Run run = c.fixture().run();

        assertThat(new String(run.out(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(Fixture.golden(c.golden()), StandardCharsets.ISO_8859_1));
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isEqualTo(c.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandCases")
    void printsItsGoldenOutput(Case c) throws IOException {
        Fixture.Run run = c.fixture().run();
        Path out = Fixture.GOLDEN.resolve(c.golden());
        Path err = Fixture.GOLDEN.resolve(c.golden().replaceFirst("\\.out$", ".err"));
        if (UPDATE) {
            Files.createDirectories(out.getParent());
            Files.write(out, run.out());
            if (run.err().isEmpty()) {
                Files.deleteIfExists(err);
            } else {
                Files.writeString(err, run.err());
            }
        }

        assertThat(run.text()).isEqualTo(Files.readString(out));
        assertThat(run.err()).isEqualTo(Files.exists(err) ? Files.readString(err) : "");
        assertThat(run.status()).as("exit status").isEqualTo(c.status());
        if (c.golden().endsWith("-json.out")) {
            // The golden JSON is a real output too: it holds to its schema (docs/schema), as every output must.
            String command = c.golden().substring("commands/".length(), c.golden().indexOf('-'));
            JsonSchemaCheck.assertValid(command.equals("pmap") ? "address-space" : command, run.text());
        }
    }
}
