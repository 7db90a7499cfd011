package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --file}: a JSON snapshot taken with {@code vmtool pmap --json PID}, and copies of the process's smaps and
 * maps, read back in every mode, against what vmtool and /usr/bin/pmap print for the live process. The helpers are
 * statically linked and quiet, so their output (Pss included) does not change between the snapshot and the runs.
 */
@Tag("slow")
class SavedFileRoundTripTest extends AgainstReferencePmap {
    private Mapper small;
    private Process sleep;
    private Path dir;

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    @BeforeAll
    void startOthersAndSave() throws IOException, InterruptedException {
        small = Mapper.startSmall();
        sleep = Processes.startSleep();
        Processes.awaitQuiet(sleep.pid());
        dir = Files.createTempDirectory("vmtool-saved-");
        for (String pid : List.of(mapper.pidArg(), small.pidArg(), Long.toString(sleep.pid()))) {
            RunResult json = VmtoolRunner.inProcess(List.of("--json", pid));
            assertThat(json.status()).as(json.errText()).isZero();
            Files.write(dir.resolve(pid + ".json"), json.out());
            Files.write(dir.resolve(pid + ".smaps"), Processes.readProc(Path.of("/proc", pid, "smaps")));
            Files.write(dir.resolve(pid + ".maps"), Processes.readProc(Path.of("/proc", pid, "maps")));
        }
    }

    @AfterAll
    void stopOthers() {
        if (small != null) {
            small.close();
        }
        Processes.kill(sleep);
        if (dir != null) {
            Processes.deleteTree(dir);
        }
    }

    /** Every mode, alone and with -q, -p; the statically linked helpers in all of them. */
    Stream<Arguments> modesOnHelpers() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> mode : PmapDifferentialTest.MODES) {
            for (List<String> modifier : List.of(List.<String>of(), List.of("-q"), List.of("-p"))) {
                List<String> options = new ArrayList<>(mode);
                options.addAll(modifier);
                cases.add(Arguments.of(options, "mapper"));
                cases.add(Arguments.of(options, "small"));
            }
        }
        return cases.stream();
    }

    private String pidOf(String helper) {
        return helper.equals("mapper") ? mapper.pidArg() : helper.equals("small") ? small.pidArg()
                : Long.toString(sleep.pid());
    }

    @ParameterizedTest(name = "pmap {0} --file SNAPSHOT of {1}")
    @MethodSource("modesOnHelpers")
    void aSnapshotPrintsWhatTheLiveProcessPrinted(List<String> mode, String helper) {
        String pid = pidOf(helper);
        RunResult live = VmtoolRunner.inProcess(with(mode, pid));
        RunResult saved = VmtoolRunner.inProcess(with(mode, "--file", file(pid, "json")));
        RunResult pmap = ReferencePmap.run(with(mode, pid));

        assertThat(saved.status()).as(saved.errText()).isZero();
        // The snapshot keeps the pid and command line, so even the header line is the same.
        assertThat(text(saved.out())).isEqualTo(text(live.out()));
        assertThat(text(saved.out())).isEqualTo(text(pmap.out()));
    }

    @ParameterizedTest(name = "pmap {0} --file SAVED_SMAPS of {1}")
    @MethodSource("modesOnHelpers")
    void aSavedSmapsPrintsWhatPmapPrintedFromTheSecondLineOn(List<String> mode, String helper) {
        String pid = pidOf(helper);
        String smaps = file(pid, "smaps");
        RunResult saved = VmtoolRunner.inProcess(with(mode, "--file", smaps));
        RunResult pmap = ReferencePmap.run(with(mode, pid));

        assertThat(saved.status()).as(saved.errText()).isZero();
        assertThat(firstLine(saved.out())).isEqualTo(smaps + ":   (saved /proc/PID/smaps)");
        assertThat(text(fromSecondLine(saved.out()))).isEqualTo(text(fromSecondLine(pmap.out())));
    }

    /** A process with shared libraries: the maps modes only (the Pss of a shared library changes as pmap runs). */
    @ParameterizedTest(name = "pmap {0} --file SAVED of sleep")
    @MethodSource("mapsModes")
    void aDynamicallyLinkedProcessInTheMapsModes(List<String> mode) {
        String pid = Long.toString(sleep.pid());
        RunResult pmap = ReferencePmap.run(with(mode, pid));
        for (String kind : List.of("json", "smaps", "maps")) {
            if (kind.equals("maps") && mode.contains("-x")) {
                continue;
            }
            RunResult saved = VmtoolRunner.inProcess(with(mode, "--file", file(pid, kind)));
            assertThat(saved.status()).as(kind + ": " + saved.errText()).isZero();
            assertThat(text(fromSecondLine(saved.out()))).as(kind).isEqualTo(text(fromSecondLine(pmap.out())));
        }
    }

    @ParameterizedTest(name = "pmap {0} --file SAVED_MAPS of mapper")
    @MethodSource("mapsModes")
    void aSavedMapsPrintsTheModesThatNeedNoFields(List<String> mode) {
        if (mode.contains("-x")) {
            return; // refused, below
        }
        String maps = file(mapper.pidArg(), "maps");
        RunResult saved = VmtoolRunner.inProcess(with(mode, "--file", maps));
        RunResult pmap = ReferencePmap.run(with(mode, mapper.pidArg()));

        assertThat(saved.status()).as(saved.errText()).isZero();
        assertThat(firstLine(saved.out())).isEqualTo(maps + ":   (saved /proc/PID/maps)");
        assertThat(text(fromSecondLine(saved.out()))).isEqualTo(text(fromSecondLine(pmap.out())));
    }

    @ParameterizedTest(name = "pmap {0} --file SAVED_MAPS is refused")
    @MethodSource("fieldModes")
    void aSavedMapsRefusesTheModesThatNeedSmapsFields(List<String> mode) {
        String maps = file(mapper.pidArg(), "maps");
        RunResult saved = VmtoolRunner.inProcess(with(mode, "--file", maps));

        assertThat(saved.status()).isEqualTo(1);
        assertThat(saved.out()).isEmpty();
        assertThat(saved.errText()).hasLineCount(1).startsWith("vmtool pmap: " + maps + " is a saved /proc/PID/maps")
                .contains("need a saved /proc/PID/smaps");
    }

    static Stream<List<String>> mapsModes() {
        return PmapDifferentialTest.MAPS_MODES.stream();
    }

    static Stream<List<String>> fieldModes() {
        return Stream.of(List.of("-x"), List.of("-X"), List.of("-XX"), List.of("-C", "/dev/null"));
    }

    @Test
    void anRcFileModeFromASnapshot() throws IOException {
        Path rc = dir.resolve("pmaprc");
        Files.writeString(rc, "[Fields Display]\nRss\nPss\nSwap\nMapping\n[Mapping]\nShowPath\n");
        RunResult pmap = ReferencePmap.run(List.of("-C", rc.toString(), mapper.pidArg()));
        RunResult saved = VmtoolRunner.inProcess(List.of("-C", rc.toString(), "--file",
                file(mapper.pidArg(), "json")));

        assertThat(saved.status()).as(saved.errText()).isZero();
        assertThat(text(saved.out())).isEqualTo(text(pmap.out()));
    }

    /** A saved smaps made into a snapshot reads back as the smaps did; with no process known, it names the file. */
    @Test
    void aSavedSmapsConvertedToJson() throws IOException {
        String smaps = file(mapper.pidArg(), "smaps");
        RunResult json = VmtoolRunner.inProcess(List.of("--json", "--file", smaps));
        assertThat(json.status()).as(json.errText()).isZero();
        Path converted = dir.resolve("converted.json");
        Files.write(converted, json.out());
        for (List<String> mode : PmapDifferentialTest.MODES) {
            RunResult fromSmaps = VmtoolRunner.inProcess(with(mode, "--file", smaps));
            RunResult fromJson = VmtoolRunner.inProcess(with(mode, "--file", converted.toString()));
            assertThat(firstLine(fromJson.out())).isEqualTo(converted + ":   (saved /proc/PID/smaps)");
            assertThat(text(fromSecondLine(fromJson.out()))).as("%s", mode)
                    .isEqualTo(text(fromSecondLine(fromSmaps.out())));
        }
    }

    private String file(String pid, String kind) {
        return dir.resolve(pid + "." + kind).toString();
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of(more));
        return args;
    }

    static String firstLine(byte[] out) {
        String text = text(out);
        return text.substring(0, Math.max(0, text.indexOf('\n')));
    }

    static byte[] fromSecondLine(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                return Arrays.copyOfRange(out, i + 1, out.length);
            }
        }
        return new byte[0];
    }

    /** Byte for byte, shown as text when it fails. */
    static String text(byte[] out) {
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
