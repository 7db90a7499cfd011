package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;
import vmtool.Fixture;

/**
 * pmap through its command line on the fake /proc's {@code /usr/bin/sleep 100001} (PID 32436) of a 6.18 kernel
 * (Pss_Dirty, KSM, ProtectionKey), beyond the modes that vmtool.cli.CommandGoldenTest compares with /usr/bin/pmap:
 * several PIDs, a missing one, an unreadable smaps. smaps was read before and after procps's pmap ran and was the
 * same both times, and every number pmap -X/-XX printed was checked against it (src/test/fixture-tools), so each
 * file in src/test/golden/pmap is pmap's output for exactly this smaps/maps/stat.
 */
class GoldenProcFixtureTest {
    private static final String PID = "32436";

    @TempDir
    Path tmp;

    static String expected(String name) throws IOException {
        return new String(Fixture.golden("pmap/" + name), StandardCharsets.ISO_8859_1);
    }

    private static String out(Fixture.Run run) {
        return new String(run.out(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFixtureIsConsistent() throws Exception {
        List<String> smapsHeaders = Files.readAllLines(Fixture.PROC.resolve(PID + "/smaps"),
                StandardCharsets.ISO_8859_1).stream().filter(line -> line.matches("^[0-9a-f]+-[0-9a-f]+ .*")).toList();
        List<String> maps = Files.readAllLines(Fixture.PROC.resolve(PID + "/maps"), StandardCharsets.ISO_8859_1);

        assertThat(maps).isEqualTo(smapsHeaders);
    }

    /** Per-process totals (the later procps fix): the same process twice prints the same table twice. */
    @Test
    void theSameProcessTwiceGivesTheSameTableTwice() throws Exception {
        Fixture.Run run = Fixture.vmtool("pmap", "-X", PID, PID).run();

        String once = expected("32436.pmap-X.txt");
        assertThat(out(run)).isEqualTo(once + once);
    }

    @Test
    void aMissingPidPrintsNothingAndExits42() {
        Fixture.Run run = Fixture.vmtool("pmap", "4242").run();

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_NO_SUCH_PROCESS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ").contains("4242");
    }

    @Test
    void aMissingPidAmongOthersStillShowsTheOthers() throws Exception {
        Fixture.Run run = Fixture.vmtool("pmap", "4242", PID).run();

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_NO_SUCH_PROCESS);
        assertThat(out(run)).isEqualTo(expected("32436.pmap.txt"));
    }

    @Test
    void unreadableSmapsPrintsTheHeaderLineOnlyAndExits1() throws Exception {
        withoutSmaps();

        Fixture.Run run = Fixture.vmtool("pmap", "-X", PID).proc(tmp).run();

        assertThat(run.status()).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(out(run)).isEqualTo("32436:   /usr/bin/sleep 100001\n");
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ");
    }

    @Test
    void missingAndUnreadableTogetherExit43() throws Exception {
        withoutSmaps();

        Fixture.Run run = Fixture.vmtool("pmap", PID, "4242").proc(tmp).run();

        assertThat(run.status()).isEqualTo(43);
    }

    /** The process's stat, status and cmdline, without its maps and smaps. */
    private void withoutSmaps() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(PID));
        for (String file : List.of("stat", "status", "cmdline")) {
            Files.copy(Fixture.PROC.resolve(PID + "/" + file), dir.resolve(file));
        }
    }
}
