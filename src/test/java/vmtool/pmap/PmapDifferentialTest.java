package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * vmtool pmap against the machine's /usr/bin/pmap, byte for byte and exit status, on processes this test
 * starts: the mapper helper (awkward mappings and argv), a small second mapper, `sleep`, a zombie, and the
 * kernel thread kthreadd (pid 2).
 */
@Tag("slow")
class PmapDifferentialTest extends AgainstReferencePmap {
    /** Every output mode, with its long spellings. */
    static final List<List<String>> MODES = List.of(
            List.of(), List.of("-x"), List.of("--extended"), List.of("-X"), List.of("-XX"), List.of("-X", "-X"),
            List.of("-d"), List.of("--device"));

    /** The modes whose numbers come from maps or from per-process smaps fields only (no Pss). */
    static final List<List<String>> MAPS_MODES = List.of(List.of(), List.of("-x"), List.of("-d"));

    private Mapper small;
    private Process sleep;
    private Process zombieParent;
    private long zombie;

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    /** After the base class's helper; JUnit runs the @AfterAll methods even when a @BeforeAll one failed. */
    @BeforeAll
    void startOtherProcesses() throws InterruptedException {
        small = Mapper.startSmall();
        sleep = Processes.startSleep();
        zombieParent = Processes.startZombieParent();
        zombie = Processes.zombieChild(zombieParent);
        Processes.awaitQuiet(sleep.pid());
        Processes.awaitQuiet(zombieParent.pid());
    }

    @AfterAll
    void stopOtherProcesses() {
        if (small != null) {
            small.close();
        }
        Processes.kill(sleep);
        Processes.kill(zombieParent);
    }

    private static List<String> args(List<String> options, String... pids) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of(pids));
        return args;
    }

    // ---- every mode, with the modifiers -q and -p ----

    Stream<Arguments> modesWithModifiers() {
        List<List<String>> modifiers = List.of(List.of(), List.of("-q"), List.of("-p"), List.of("-p", "-q"),
                List.of("--quiet"), List.of("--show-path"));
        List<Arguments> cases = new ArrayList<>();
        for (List<String> mode : MODES) {
            for (List<String> modifier : modifiers) {
                List<String> options = new ArrayList<>(mode);
                options.addAll(modifier);
                cases.add(Arguments.of(options));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pmap {0} MAPPER")
    @MethodSource("modesWithModifiers")
    void everyModeOnTheMapper(List<String> options) {
        Differential.assertSame(args(options, mapper.pidArg()));
    }

    static Stream<List<String>> combinedShortFlags() {
        return Stream.of(List.of("-xq"), List.of("-Xq"), List.of("-XXq"), List.of("-dq"), List.of("-pq"),
                List.of("-xp"), List.of("-Xp"), List.of("-XXpq"), List.of("-qd"), List.of("-qXX"), List.of("-pdq"));
    }

    @ParameterizedTest(name = "pmap {0} MAPPER")
    @MethodSource("combinedShortFlags")
    void combinedShortFlags(List<String> options) {
        Differential.assertSame(args(options, mapper.pidArg()));
    }

    // ---- -A / --range in every mode ----

    /** Range arguments built from the addresses the mapper reported. */
    List<List<String>> ranges() {
        long[] none = mapper.region("prot_none");
        long[] many = mapper.region("many");
        long[] thp = mapper.region("thp");
        long[] spaces = mapper.region("spaces");
        return List.of(
                List.of("-A", hex(none[0])),                                    // low only: low,low
                List.of("-A", hex(none[0] + 0x1000)),                           // low only, inside a mapping
                List.of("-A", hex(many[0] + 0x5800) + ","),                      // low,
                List.of("-A", "," + hex(thp[0])),                               // ,high
                List.of("-A", hex(many[0] + 0x800) + "," + hex(many[0] + 0x5800)), // cuts through mappings
                List.of("-A", hex(thp[1]) + "," + hex(thp[0])),                 // high below low: empty
                List.of("-A", "0,0"),                                           // below everything: empty
                List.of("-A", "ffffffffffffff00,ffffffffffffffff"),            // above everything: empty
                List.of("-A", "0x" + hex(spaces[0]) + ",0x" + hex(spaces[1] - 1)), // 0x prefixes
                List.of("-A", "0X" + hex(none[0]).toUpperCase()),               // 0X and upper-case digits
                List.of("--range=" + hex(many[0]) + "," + hex(many[0] + 0x3000)),
                List.of("--range", hex(none[0]) + "," + hex(none[1])),
                List.of("-A", ","),                                             // both sides empty: everything
                List.of("-A", "0,ffffffffffffffff"));
    }

    private static String hex(long value) {
        return Long.toHexString(value);
    }

    Stream<Arguments> modesWithRanges() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> mode : List.<List<String>>of(List.of(), List.of("-x"), List.of("-d"), List.of("-q"),
                List.of("-x", "-q"),
                List.of("-d", "-p"))) {
            for (List<String> range : ranges()) {
                List<String> options = new ArrayList<>(mode);
                options.addAll(range);
                cases.add(Arguments.of(options));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pmap {0} MAPPER")
    @MethodSource("modesWithRanges")
    void rangesInMapsModes(List<String> options) {
        Differential.assertSame(args(options, mapper.pidArg()));
    }

    /** In -X and -XX, 4.0.2 ignores -A; vmtool honours it (upstream fix): checked in PmapUpstreamFixesTest. */
    Stream<Arguments> extendedModesWithRanges() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> mode : List.<List<String>>of(List.of("-X"), List.of("-XX"), List.of("-X", "-q"),
                List.of("-XX", "-p"))) {
            for (List<String> range : ranges()) {
                cases.add(Arguments.of(mode, range));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pmap {0} {1} MAPPER")
    @MethodSource("extendedModesWithRanges")
    void rangesInExtendedModesKeepTheRowsThatOverlap(List<String> mode, List<String> range) {
        ExtendedChecks.assertRangeHonoured(mode, range, mapper.pidArg());
    }

    // ---- PID arguments ----

    @ParameterizedTest(name = "pmap {0} /proc/MAPPER")
    @MethodSource("modes")
    void procPathAsPid(List<String> mode) {
        Differential.assertSame(args(mode, "/proc/" + mapper.pid()));
    }

    static Stream<List<String>> modes() {
        return MODES.stream();
    }

    static Stream<List<String>> mapsModes() {
        return MAPS_MODES.stream();
    }

    @ParameterizedTest(name = "pmap {0} MAPPER SMALL SLEEP")
    @MethodSource("mapsModes")
    void severalPids(List<String> mode) {
        Differential.assertSame(args(mode, mapper.pidArg(), small.pidArg(), Long.toString(sleep.pid())));
    }

    @ParameterizedTest(name = "pmap {0} -q MAPPER SMALL (several PIDs, no totals: byte-identical)")
    @MethodSource("modes")
    void severalPidsQuiet(List<String> mode) {
        Differential.assertSame(args(mode, "-q", mapper.pidArg(), small.pidArg(), "/proc/" + small.pid()));
    }

    @ParameterizedTest(name = "pmap {0} SLEEP SLEEP")
    @MethodSource("mapsModes")
    void samePidTwice(List<String> mode) {
        Differential.assertSame(args(mode, Long.toString(sleep.pid()), "/proc/" + sleep.pid()));
    }

    @ParameterizedTest(name = "pmap {0} MISSING")
    @MethodSource("modes")
    void missingPid(List<String> mode) throws IOException {
        Differential.Pair pair = Differential.assertSame(args(mode, missingPid()));
        assertThat(pair.pmap().status()).isEqualTo(42);
        assertThat(pair.vmtool().errText()).as("vmtool's stderr for a missing PID").hasLineCount(1)
                .startsWith("vmtool pmap:");
    }

    @ParameterizedTest(name = "pmap {0} SMALL MISSING MAPPER")
    @MethodSource("modes")
    void missingPidAmongPresentOnes(List<String> mode) throws IOException {
        List<String> pids = List.of(small.pidArg(), missingPid(), mapper.pidArg());
        if (mode.contains("-X") || mode.contains("-XX")) {
            // -X totals differ after the first PID by design; -q makes them byte-comparable.
            List<String> quiet = new ArrayList<>(mode);
            quiet.add("-q");
            assertThat(Differential.assertSame(args(quiet, pids.toArray(new String[0]))).pmap().status())
                    .isEqualTo(42);
        } else {
            assertThat(Differential.assertSame(args(mode, pids.toArray(new String[0]))).pmap().status())
                    .isEqualTo(42);
        }
    }

    /** A pid that no process has: the largest one below pid_max that /proc does not list. */
    static String missingPid() throws IOException {
        String pidMax = Processes.readProcString(Path.of("/proc/sys/kernel/pid_max"));
        long max = Long.parseLong(pidMax.trim()) - 1;
        while (Files.exists(Path.of("/proc/" + max))) {
            max--;
        }
        return Long.toString(max);
    }

    @ParameterizedTest(name = "pmap {0} 2 (kernel thread)")
    @MethodSource("modes")
    void kernelThread(List<String> mode) {
        Differential.assertSame(args(mode, "2"));
    }

    @ParameterizedTest(name = "pmap {0} -q 2 (kernel thread)")
    @MethodSource("modes")
    void kernelThreadQuiet(List<String> mode) {
        Differential.assertSame(args(mode, "-q", "2"));
    }

    @ParameterizedTest(name = "pmap {0} ZOMBIE")
    @MethodSource("modes")
    void zombie(List<String> mode) {
        assertThat(Processes.state(zombie)).as("the zombie is still a zombie").isEqualTo("Z");
        Differential.assertSame(args(mode, Long.toString(zombie)));
    }

    /** A thread's id names its process's memory in /proc too (not listed there, but there): pmap takes it. */
    @ParameterizedTest(name = "pmap {0} THREAD-OF-MAPPER")
    @MethodSource("modes")
    void threadId(List<String> mode) throws IOException {
        String pid = mapper.pidArg();
        String tid;
        try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
            tid = tasks.map(task -> task.getFileName().toString()).filter(task -> !task.equals(pid)).findFirst()
                    .orElseThrow(() -> new AssertionError("the mapper helper has no thread besides its main one"));
        }
        Differential.assertSame(args(mode, tid));
    }

    @ParameterizedTest(name = "pmap {0} SLEEP")
    @MethodSource("mapsModes")
    void sleepProcess(List<String> mode) {
        Differential.assertSame(args(mode, Long.toString(sleep.pid())));
    }

    @Test
    void mapperHasWhatTheTestsNeed() throws IOException {
        String maps = Outputs.latin1(Processes.readProc(Path.of("/proc/" + mapper.pid() + "/maps")));
        assertThat(maps).contains("/file with spaces.dat", "/deleted.dat (deleted)", "/memfd:vmtool-test-memfd",
                "/SYSV00000000 (deleted)", "/dev/zero (deleted)", "caf\u00c3\u00a9.dat", "bad-\u00ff\u00fe-utf8.dat",
                "tab\there.dat", "new\\012line.dat", "[heap]", "[stack]", "[vdso]");
        assertThat(maps.lines().count()).as("mappings").isGreaterThan(3000);
        assertThat(maps.lines().anyMatch(line -> line.length() - line.indexOf('/') > 127 && line.contains("/d3-")))
                .as("a path longer than 127 characters").isTrue();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + mapper.pid() + "/task"))) {
            assertThat(tasks.count()).as("threads").isEqualTo(4);
        }
        String smaps = Outputs.latin1(Processes.readProc(Path.of("/proc/" + mapper.pid() + "/smaps")));
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        if (Files.exists(thp) && !Processes.readProcString(thp).contains("[never]")) {
            assertThat(smaps).containsPattern("AnonHugePages:\\s+[1-9]\\d* kB");
        }
        if (mapper.mlocked()) {
            assertThat(smaps).containsPattern("Locked:\\s+16 kB");
        }
        byte[] cmdline = Processes.readProc(Path.of("/proc/" + mapper.pid() + "/cmdline"));
        assertThat(Outputs.latin1(cmdline)).contains("\u00ff\u00fe-not-utf8", "tab\there", "new\nline",
                "\u0000\u0000end\u0000\u0000");
    }
}
