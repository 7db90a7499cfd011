package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where vmtool deliberately follows later upstream releases instead of 4.0.2: -X/-XX totals per process
 * (column widths still carry over), and -k/--use-kernel-name (4.0.6). -A in -X is in PmapDifferentialTest.
 */
@Tag("slow")
class PmapUpstreamFixesTest extends AgainstReferencePmap {
    private Mapper small;

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    /** After the base class's helper; JUnit runs the @AfterAll methods even when a @BeforeAll one failed. */
    @BeforeAll
    void startSmall() {
        small = Mapper.startSmall();
    }

    @AfterAll
    void stopSmall() {
        if (small != null) {
            small.close();
        }
    }

    static Stream<List<String>> extendedModes() {
        return Stream.of(List.of("-X"), List.of("-XX"), List.of("-X", "-p"), List.of("-XX", "-p"));
    }

    @ParameterizedTest(name = "pmap {0} SMALL MAPPER: totals per process")
    @MethodSource("extendedModes")
    void severalPidsSmallFirst(List<String> mode) {
        ExtendedChecks.assertMultiPid(mode, List.of(small.pidArg(), mapper.pidArg()));
    }

    @ParameterizedTest(name = "pmap {0} MAPPER SMALL MAPPER: totals per process")
    @MethodSource("extendedModes")
    void severalPidsMapperFirstAndTwice(List<String> mode) {
        ExtendedChecks.assertMultiPid(mode, List.of(mapper.pidArg(), small.pidArg(), "/proc/" + mapper.pid()));
    }

    @ParameterizedTest(name = "pmap {0} MAPPER 2: a process without mappings after one with")
    @MethodSource("extendedModes")
    void kernelThreadAfterAProcess(List<String> mode) {
        ExtendedChecks.assertMultiPid(mode, List.of(mapper.pidArg(), "2", small.pidArg()));
    }

    static Stream<List<String>> kernelNameModes() {
        return Stream.of(List.of("-k"), List.of("--use-kernel-name"), List.of("-k", "-x"), List.of("-k", "-d"),
                List.of("-k", "-q"), List.of("-k", "-p"));
    }

    /**
     * -k: every row is the same as pmap's without -k, except that where the kernel gave a bracketed name,
     * that name ("[heap]", "[stack]", "[vdso]") stands where pmap prints "  [ anon ]" or "  [ stack ]".
     */
    @ParameterizedTest(name = "vmtool pmap {0} MAPPER")
    @MethodSource("kernelNameModes")
    void kernelNames(List<String> options) throws IOException {
        List<String> withoutK = new ArrayList<>(options);
        withoutK.removeAll(List.of("-k", "--use-kernel-name"));
        withoutK.add(mapper.pidArg());
        List<String> withK = new ArrayList<>(options);
        withK.add(mapper.pidArg());
        Map<Long, String> kernelNames = ExtendedChecks.kernelNames(mapper.pid());

        RunResult pmap = Differential.stable(withoutK).pmap();
        RunResult vmtool = VmtoolRunner.inProcess(withK);
        List<String> expected = new ArrayList<>();
        for (String line : Outputs.lines(pmap.out())) {
            String replaced = line;
            for (String generic : List.of("  [ anon ]", "  [ stack ]")) {
                if (line.endsWith(" " + generic)) {
                    long start = Long.parseUnsignedLong(line.substring(0, 16), 16);
                    String name = kernelNames.get(start);
                    if (name != null) {
                        replaced = line.substring(0, line.length() - generic.length()) + name;
                    }
                }
            }
            expected.add(replaced);
        }
        byte[] expectedOut = Outputs.join(expected);
        assertThat(vmtool.status()).as("exit status").isEqualTo(pmap.status());
        assertThat(vmtool.out()).as("vmtool pmap " + withK + " against pmap " + withoutK
                + " with the kernel's names put in\n" + Outputs.diff(expectedOut, vmtool.out())).isEqualTo(expectedOut);
        String text = Outputs.latin1(vmtool.out());
        assertThat(text).contains(" [heap]\n", " [stack]\n", " [vdso]\n");
    }
}
