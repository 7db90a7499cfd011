package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff of two snapshots of a process with many mappings, through scripts/vmtool with its real heap flags (run by
 * failsafe, on the jar that package made). 26,000 pairs of scripts/many-mappings.c make 52,024 mappings: the
 * smallest count tried (in steps of 250 pairs) at which diff of two JSON snapshots ran out of memory in the 48 MB
 * heap before diff had a heap of its own and the JSON reader and the matching held less (docs/performance.md);
 * 25,500 pairs still fitted.
 */
class DiffManyMappingsIT {
    private static final int PAIRS = 26_000;

    @TempDir
    static Path dir;
    private static ManyMappingsProcess big;

    @BeforeAll
    static void startTheBigProcess() throws Exception {
        big = ManyMappingsProcess.start(dir, PAIRS);
    }

    @AfterAll
    static void endIt() throws Exception {
        if (big != null) {
            big.close();
        }
    }

    @Test
    void twoJsonSnapshotsAndTwoSavedSmaps() throws Exception {
        String pid = Long.toString(big.pid());
        assertThat(Files.readAllLines(Path.of("/proc", pid, "maps"))).hasSize(2 * PAIRS + 24);
        Path a = snapshot("a.json", pid);
        Path b = snapshot("b.json", pid);
        Path smapsA = dir.resolve("a.smaps");
        Path smapsB = dir.resolve("b.smaps");
        Files.write(smapsA, Files.readAllBytes(Path.of("/proc", pid, "smaps")));
        Files.write(smapsB, Files.readAllBytes(Path.of("/proc", pid, "smaps")));

        for (List<Path> pair : List.of(List.of(a, b), List.of(smapsA, smapsB))) {
            ManyMappingsProcess.Run run = ManyMappingsProcess.launch(dir, List.of(), "diff", pair.get(0).toString(),
                    pair.get(1).toString());
            assertThat(run.err()).as("diff %s", pair).isEmpty();
            assertThat(run.status()).as("diff %s", pair).isBetween(0, 1);
            assertThat(run.out()).as("diff %s", pair).contains("\nanonymous ").contains("\ntotal ");
        }
    }

    /** A snapshot made in this JVM (whose heap is not the launcher's): only diff's heap is under test. */
    private static Path snapshot(String name, String pid) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            assertThat(CommandLineFactory.run(new String[] {"pmap", "--json", pid}, out, System.err)).isZero();
        }
        return file;
    }
}
