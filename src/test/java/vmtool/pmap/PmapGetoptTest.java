package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line is read as procps pmap's getopt_long reads it: repeated flags, the last -A, long-name prefixes,
 * options after PIDs, "--", -h and -V where they stand, POSIXLY_CORRECT. Same stdout and exit status as
 * /usr/bin/pmap, except where pmap prints its own help or version (there the exit status only).
 */
@Tag("slow")
class PmapGetoptTest extends AgainstReferencePmap {
    private static final String HELP = "help";
    private static final String VERSION = "version";

    @Override
    Mapper startHelper() {
        return Mapper.startSmall();
    }

    static Stream<List<String>> sameOutput() {
        return Stream.of(
                List.of("-xx", PID),
                List.of("-qq", PID),
                List.of("-pp", "-x", PID),
                List.of("-dd", PID),
                List.of("-rr", PID),
                List.of("-XXX", PID),
                List.of("-A", "0", "-A", "ffffffffffff", PID),
                List.of("-Affff", "-d", PID),
                List.of("--ext", PID),
                List.of("--dev", "--qu", PID),
                List.of("--sh", PID),
                List.of("--rang=0,1", PID),
                List.of("--range", "0", PID),
                List.of(PID, "-x"),
                List.of(PID, "--", "-x"),
                List.of("-x", "--", PID),
                List.of("--r", PID),
                List.of("--extended=foo", PID),
                List.of("--quiet=", PID),
                List.of("-z", "-h"),
                List.of("-z", "-V"),
                List.of("-x", "-A"),
                List.of("--", "-x", PID),
                List.of("-", PID),
                List.of("-q", "-", PID),
                // repeated -A: each sets only the bounds it spells out; a bad one stops where it stands
                List.of("-A", "0,", "-A", ",7fffffffffff", PID),
                List.of("-A", ",7fffffffffff", "-A", "1000,", "-d", PID),
                List.of("-A", "0,7fffffffffff", "-A", "1000", PID),
                List.of("-A", "1000,2000", "-A", ",", PID),
                List.of("-A", "", "-A", "", PID),
                List.of("-A", "1000,", "-A", "", "-x", PID),
                List.of("--range=,7fffffffffff", "-A", "0,", "-x", "-q", PID),
                List.of("-A", "zz", "-A", "0", PID),
                List.of("-A", "0", "-A", "zz", PID),
                List.of("-A", "0,zz", PID),
                List.of("-A", "zz", "-h"),
                List.of("-A", "zz", "-V"),
                List.of("-A", "zz", "--bogus", PID),
                List.of("-A", "1,2,3", PID),
                List.of("-A", ",,", PID),
                List.of("-A", "zz", "-n"),
                List.of("-A", ",", "-x", "-d", PID),
                // every other option repeated, and mixed
                List.of("-x", "--extended", "-x", PID),
                List.of("-d", "-q", "-d", "-q", PID),
                List.of("-p", "--show-path", "-d", PID),
                List.of("-x", "-X", PID),
                List.of("-X", "-d", PID),
                List.of("-c", "-C", "/dev/null", PID),
                List.of("-C", "/dev/null", "-x", PID),
                List.of("-n", "-N", "/nonexistent/rc"),
                List.of("-N", "/nonexistent/a", "-N", "/nonexistent/b"),
                List.of("-n", "-q"),
                List.of("-N", "/nonexistent/rc", "-p"),
                List.of("-n", PID),
                List.of("-C", "/nonexistent/rc", "-C", "/dev/null", "-q", PID),
                List.of("-C", "/dev/null", "-C", "/nonexistent/rc", PID),
                List.of("-r", "-r", "-x", PID));
    }

    @ParameterizedTest(name = "pmap {0}")
    @MethodSource("sameOutput")
    void sameStdoutAndStatusAsPmap(List<String> template) {
        Differential.Pair pair = assertSameAsPmap(template);

        if (pair.pmap().status() != 0) {
            PmapBadInputTest.assertOneErrorLine(template, pair.vmtool());
        }
    }

    static Stream<Arguments> helpOrVersion() {
        return Stream.of(
                Arguments.of(List.of("-h"), HELP),
                Arguments.of(List.of("--help", PID), HELP),
                Arguments.of(List.of("--he"), HELP),
                Arguments.of(List.of("-xh"), HELP),
                Arguments.of(List.of("-h", "-z"), HELP),
                Arguments.of(List.of("-x", "-X", "-h"), HELP),
                Arguments.of(List.of("-h", "-V"), HELP),
                Arguments.of(List.of("-V"), VERSION),
                Arguments.of(List.of("--vers"), VERSION),
                Arguments.of(List.of("-Vz"), VERSION),
                Arguments.of(List.of("-Vh"), VERSION),
                Arguments.of(List.of(PID, "-V", "--bogus"), VERSION));
    }

    /**
     * Help and version are vmtool's own text; the first of -h and -V decides which, and they are printed, with
     * status 0, exactly when pmap prints its own (before any bad option).
     */
    @ParameterizedTest(name = "pmap {0}: {1}")
    @MethodSource("helpOrVersion")
    void helpAndVersionActWhereTheyStand(List<String> template, String expected) {
        List<String> args = withPid(template);
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);

        assertThat(pmap.status()).as("pmap " + args).isZero();
        assertThat(vmtool.status()).as("vmtool pmap " + args + ": " + vmtool.errText()).isZero();
        String out = new String(vmtool.out(), StandardCharsets.UTF_8);
        if (expected.equals(HELP)) {
            assertThat(out).startsWith("Usage: vmtool pmap ").contains("\nExit status:\n");
        } else {
            assertThat(out).matches("vmtool \\d+\\.\\d+\\.\\d+\\S*\n");
        }
    }

    static Stream<List<String>> posixlyCorrect() {
        return Stream.of(
                List.of(PID, "-x"),
                List.of("-x", PID, "-q"),
                List.of("-q", PID, "--bogus"));
    }

    @ParameterizedTest(name = "POSIXLY_CORRECT=1 pmap {0}")
    @MethodSource("posixlyCorrect")
    void posixlyCorrectEndsOptionsAtTheFirstPid(List<String> template) {
        List<String> args = withPid(template);
        Map<String, String> env = Map.of("POSIXLY_CORRECT", "1");
        RunResult pmap = ReferencePmap.run(args, env, Path.of("/"));
        RunResult vmtool = VmtoolRunner.childJvm(List.of(), env, Path.of("/"), args);

        assertThat(pmap.status()).as("pmap stops reading options at the PID").isEqualTo(1);
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
    }
}
