package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A live kernel thread, which has no user address space: its smaps is empty (0 bytes). pmap, live and from that empty
 * file saved, prints what /usr/bin/pmap prints for it, in every mode (the saved file's header names the file); the
 * modes vmtool adds (--json, --csv) say in one line that it is a kernel thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelThreadTest {
    private String pid;
    private Path saved;

    @BeforeAll
    void findOneAndSaveIt() throws IOException {
        assumeTrue(ReferencePmap.present(), "/usr/bin/pmap is not installed");
        pid = kernelThread();
        assumeTrue(pid != null, "no kernel thread is visible (a PID namespace of its own)");
        byte[] smaps = Files.readAllBytes(Path.of("/proc", pid, "smaps"));
        assertThat(smaps).as("a kernel thread's smaps").isEmpty();
        saved = Files.createTempFile("vmtool-kthread-", ".smaps");
        Files.write(saved, smaps);
    }

    @AfterAll
    void removeTheFile() throws IOException {
        if (saved != null) {
            Files.deleteIfExists(saved);
        }
    }

    /** The lowest PID whose stat flags have PF_KTHREAD (kthreadd, 2, where /proc is the machine's). */
    private static String kernelThread() throws IOException {
        for (int pid = 2; pid < 200; pid++) {
            Path stat = Path.of("/proc", Integer.toString(pid), "stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            if ((Long.parseLong(fields[9 - 3]) & 0x00200000L) != 0) {
                return Integer.toString(pid);
            }
        }
        return null;
    }

    Stream<Arguments> modes() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> mode : PmapDifferentialTest.MODES) {
            for (List<String> modifier : List.of(List.<String>of(), List.of("-q"), List.of("-p"))) {
                List<String> options = new ArrayList<>(mode);
                options.addAll(modifier);
                cases.add(Arguments.of(options));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pmap {0} KTHREAD, and --file of its smaps")
    @MethodSource("modes")
    void printsWhatProcpsPrints(List<String> options) {
        List<String> live = new ArrayList<>(options);
        live.add(pid);
        RunResult reference = ReferencePmap.run(live);
        List<String> fromFile = new ArrayList<>(options);
        fromFile.addAll(List.of("--file", saved.toString()));

        RunResult vmtoolLive = VmtoolRunner.inProcess(live);
        RunResult vmtoolSaved = VmtoolRunner.inProcess(fromFile);

        assertThat(Outputs.latin1(vmtoolLive.out())).isEqualTo(Outputs.latin1(reference.out()));
        assertThat(vmtoolLive.status()).isEqualTo(reference.status());
        List<String> expected = Outputs.lines(reference.out());
        List<String> actual = Outputs.lines(vmtoolSaved.out());
        assertThat(actual.subList(1, actual.size())).as(vmtoolSaved.errText())
                .isEqualTo(expected.subList(1, expected.size()));
        assertThat(actual.get(0)).isEqualTo(saved + ":   (saved /proc/PID/smaps)");
        assertThat(vmtoolSaved.errText()).isEmpty();
        assertThat(vmtoolSaved.status()).isEqualTo(reference.status());
    }

    @Test
    void theExportsSayItIsAKernelThread() throws IOException {
        String comm = Files.readString(Path.of("/proc", pid, "comm")).strip();
        for (String option : List.of("--json", "--csv")) {
            RunResult live = VmtoolRunner.inProcess(List.of(option, pid));
            RunResult fromFile = VmtoolRunner.inProcess(List.of(option, "--file", saved.toString()));

            assertThat(live.errText()).isEqualTo("vmtool pmap: process " + pid + " [" + comm + "] is a kernel"
                    + " thread: it has no user address space, so no mappings to show\n");
            assertThat(fromFile.errText()).isEqualTo("vmtool pmap: " + saved + " holds no mappings: the smaps or"
                    + " maps of a kernel thread (which has no user address space) is empty, so there is nothing to"
                    + " show\n");
            for (RunResult run : List.of(live, fromFile)) {
                assertThat(run.out()).isEmpty();
                assertThat(run.status()).isEqualTo(1);
            }
        }
    }
}
