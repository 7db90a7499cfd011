package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.DiesWithTheJvm;

/**
 * A /proc file given as --file reads as the copy of it would: java.io's file stream cannot say how much is left
 * of a /proc file (it seeks to the end, and /proc refuses with EINVAL), so nothing may ask it.
 */
class LiveProcFileAsSavedTest {
    private static Process sleeper;

    @BeforeAll
    static void start() throws Exception {
        sleeper = DiesWithTheJvm.start(new ProcessBuilder("sleep", "120"));
        // Settled: asleep in nanosleep, its libraries loaded (during its start its mappings change).
        Path stat = Path.of("/proc/" + sleeper.pid() + "/stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!asleep(read(stat)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Through a stream: on JDK 17 Files.readString trusts the size 0 that /proc reports. */
    private static String read(Path file) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean asleep(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("S");
    }

    @AfterAll
    static void stop() throws Exception {
        sleeper.destroyForcibly();
        sleeper.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void pmapOfTheLiveSmapsFileIsPmapOfTheProcess() {
        String pid = Long.toString(sleeper.pid());
        // A sleeping process's mappings do not change, but the Pss of the libraries it shares does, as other
        // processes start and end on a busy machine: the two reads are taken again (a few times at most) until no
        // process came or went between them.
        CommandRun live;
        CommandRun saved;
        int tries = 0;
        do {
            live = CommandRun.of("pmap", "-X", pid);
            saved = CommandRun.of("pmap", "-X", "--file", "/proc/" + pid + "/smaps");
        } while (++tries < 5 && !withoutHeader(saved).equals(withoutHeader(live)));
        assertThat(saved.err()).isEmpty();
        assertThat(saved.status()).isZero();
        // The header line names the process or the file.
        assertThat(withoutHeader(saved)).isEqualTo(withoutHeader(live));
    }

    private static String withoutHeader(CommandRun run) {
        return run.out().substring(run.out().indexOf('\n'));
    }

    @Test
    void anatomyAndWhereReadTheLiveSmapsFile() {
        String smaps = "/proc/" + sleeper.pid() + "/smaps";
        CommandRun anatomy = CommandRun.of("anatomy", "--file", smaps);
        assertThat(anatomy.err()).isEmpty();
        assertThat(anatomy.status()).isZero();
        assertThat(anatomy.out()).contains("program").contains("total");
        CommandRun where = CommandRun.of("where", "--file", smaps, "0x1000");
        assertThat(where.err()).isEmpty();
        assertThat(where.out()).contains("not mapped");
    }
}
