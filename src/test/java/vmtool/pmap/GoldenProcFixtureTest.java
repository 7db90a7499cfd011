package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.ExitCode;
import vmtool.proc.ProcFs;

/**
 * A fake /proc holding {@code /usr/bin/sleep 100001} (PID 32436) of a 6.18 kernel (Pss_Dirty, KSM, ProtectionKey), with what
 * /usr/bin/pmap (procps-ng 4.0.2) printed for it. smaps was read before and after the pmap runs and was the same
 * both times, and every number pmap -X/-XX printed was checked against that smaps (Pss moves whenever another
 * process maps or unmaps libc, so an unchecked capture can disagree), so each expected file is pmap's output for
 * exactly this smaps/maps/stat.
 */
class GoldenProcFixtureTest {
    private static final int PID = 32436;

    @TempDir
    Path tmp;

    static Path fixtureRoot() throws URISyntaxException {
        return Path.of(GoldenProcFixtureTest.class.getResource("/proc-fixture").toURI());
    }

    static String expected(String name) throws IOException {
        try (InputStream in = GoldenProcFixtureTest.class.getResourceAsStream("/proc-fixture/expected/" + name)) {
            assertThat(in).as("expected output %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static PmapConfig config(Mode mode, boolean quiet, boolean showPath) {
        return new PmapConfig(mode, quiet, showPath, false, AddressRange.ALL, Set.of());
    }

    record Run(int status, String out, String err) {
    }

    static Run run(Path root, PmapConfig config, List<Integer> pids) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int status = new Pmap(new ProcFs(root), config, java.util.Map.of(), java.time.Clock.systemUTC()).run(pids, out, new PrintWriter(err, true));
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString());
    }

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("pmap", config(Mode.DEFAULT, false, false), "32436.pmap.txt"),
                Arguments.of("pmap -x", config(Mode.EXTENDED, false, false), "32436.pmap-x.txt"),
                Arguments.of("pmap -x -p", config(Mode.EXTENDED, false, true), "32436.pmap-x-p.txt"),
                Arguments.of("pmap -d", config(Mode.DEVICE, false, false), "32436.pmap-d.txt"),
                Arguments.of("pmap -d -q", config(Mode.DEVICE, true, false), "32436.pmap-d-q.txt"),
                Arguments.of("pmap -X", config(Mode.MORE, false, false), "32436.pmap-X.txt"),
                Arguments.of("pmap -X -q", config(Mode.MORE, true, false), "32436.pmap-X-q.txt"),
                Arguments.of("pmap -XX", config(Mode.ALL, false, false), "32436.pmap-XX.txt"),
                Arguments.of("pmap -XX -p", config(Mode.ALL, false, true), "32436.pmap-XX-p.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void sameBytesAsPmap(String what, PmapConfig config, String expectedFile) throws Exception {
        Run run = run(fixtureRoot(), config, List.of(PID));

        assertThat(run.out()).isEqualTo(expected(expectedFile));
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theFixtureIsConsistent() throws Exception {
        List<String> smapsHeaders = Files.readAllLines(fixtureRoot().resolve(PID + "/smaps"),
                StandardCharsets.ISO_8859_1).stream().filter(line -> line.matches("^[0-9a-f]+-[0-9a-f]+ .*")).toList();
        List<String> maps = Files.readAllLines(fixtureRoot().resolve(PID + "/maps"), StandardCharsets.ISO_8859_1);

        assertThat(maps).isEqualTo(smapsHeaders);
    }

    /** Per-process totals (the later procps fix): the same process twice prints the same table twice. */
    @Test
    void theSameProcessTwiceGivesTheSameTableTwice() throws Exception {
        Run run = run(fixtureRoot(), config(Mode.MORE, false, false), List.of(PID, PID));

        String once = expected("32436.pmap-X.txt");
        assertThat(run.out()).isEqualTo(once + once);
    }

    @Test
    void aMissingPidPrintsNothingAndExits42() throws Exception {
        Run run = run(fixtureRoot(), config(Mode.DEFAULT, false, false), List.of(4242));

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_NO_SUCH_PROCESS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ").contains("4242");
    }

    @Test
    void aMissingPidAmongOthersStillShowsTheOthers() throws Exception {
        Run run = run(fixtureRoot(), config(Mode.DEFAULT, false, false), List.of(4242, PID));

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_NO_SUCH_PROCESS);
        assertThat(run.out()).isEqualTo(expected("32436.pmap.txt"));
    }

    @Test
    void unreadableSmapsPrintsTheHeaderLineOnlyAndExits1() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(Integer.toString(PID)));
        for (String file : List.of("stat", "status", "cmdline")) {
            Files.copy(fixtureRoot().resolve(PID + "/" + file), dir.resolve(file));
        }

        Run run = run(tmp, config(Mode.MORE, false, false), List.of(PID));

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(run.out()).isEqualTo("32436:   /usr/bin/sleep 100001\n");
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ");
    }

    @Test
    void missingAndUnreadableTogetherExit43() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(Integer.toString(PID)));
        for (String file : List.of("stat", "status", "cmdline")) {
            Files.copy(fixtureRoot().resolve(PID + "/" + file), dir.resolve(file));
        }

        Run run = run(tmp, config(Mode.DEFAULT, false, false), List.of(PID, 4242));

        assertThat(run.status()).isEqualTo(43);
    }
}
