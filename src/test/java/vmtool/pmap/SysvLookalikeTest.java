package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tmpfs file named like a System V segment ({@code /dev/shm/SYSVreview-PID}), mapped shared by a helper that also
 * has a real segment: pmap names the file by its base name and only the segment {@code [ shmid=0x.. ]}, live and from
 * a saved smaps or JSON snapshot alike. The file is the lowest major-0 mapping, so a rule that took any major-0
 * {@code /SYSV} name for a segment would take its device minor for the shm mount's.
 */
@Timeout(120)
class SysvLookalikeTest extends AgainstReferencePmap {
    private Path file;
    private Path dir;

    @Override
    Mapper startHelper() {
        try {
            file = Path.of("/dev/shm/SYSVreview-" + ProcessHandle.current().pid());
            Files.deleteIfExists(file);
            Files.write(file, new byte[4 * 4096]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Mapper.startSmallMapping(file);
    }

    @BeforeAll
    void save() throws IOException {
        dir = Files.createTempDirectory("vmtool-sysv-lookalike-");
        RunResult json = VmtoolRunner.inProcess(List.of("--json", mapper.pidArg()));
        assertThat(json.status()).as(json.errText()).isZero();
        Files.write(dir.resolve("saved.json"), json.out());
        Files.write(dir.resolve("saved.smaps"), Processes.readProc(Path.of("/proc", mapper.pidArg(), "smaps")));
    }

    @AfterAll
    void removeFiles() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
        if (dir != null) {
            Processes.deleteTree(dir);
        }
    }

    @ParameterizedTest(name = "pmap {0}: live, saved smaps and snapshot")
    @MethodSource("vmtool.pmap.PmapDifferentialTest#modes")
    void theFileIsNamedAndOnlyTheSegmentIsAShmid(List<String> mode) {
        RunResult pmap = ReferencePmap.run(with(mode, mapper.pidArg()));
        String base = file.getFileName().toString();
        if (!mode.contains("-X") && !mode.contains("-XX")) {
            // The maps modes are where pmap could print [ shmid=0x.. ] instead.
            assertThat(SavedFileRoundTripTest.text(pmap.out())).contains(base).contains("[ shmid=0x");
        }
        assertSameAsPmap(with(mode, PID));

        RunResult smaps = VmtoolRunner.inProcess(with(mode, "--file", dir.resolve("saved.smaps").toString()));
        assertThat(smaps.status()).as(smaps.errText()).isZero();
        assertThat(SavedFileRoundTripTest.text(SavedFileRoundTripTest.fromSecondLine(smaps.out())))
                .isEqualTo(SavedFileRoundTripTest.text(SavedFileRoundTripTest.fromSecondLine(pmap.out())));

        RunResult json = VmtoolRunner.inProcess(with(mode, "--file", dir.resolve("saved.json").toString()));
        assertThat(json.status()).as(json.errText()).isZero();
        assertThat(SavedFileRoundTripTest.text(json.out())).isEqualTo(SavedFileRoundTripTest.text(pmap.out()));
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of(more));
        return args;
    }
}
