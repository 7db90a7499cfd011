package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line is read as procps pmap's getopt_long reads it: repeated flags, the last -A, long-name prefixes,
 * options after PIDs, "--", -h and -V where they stand, POSIXLY_CORRECT. Same stdout and exit status as
 * /usr/bin/pmap, except where pmap prints its own help or version (there the exit status only).
 */
class PmapGetoptTest extends AgainstReferencePmap {
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
                List.of("-q", "-", PID));
    }

    @ParameterizedTest(name = "pmap {0}")
    @MethodSource("sameOutput")
    void sameStdoutAndStatusAsPmap(List<String> template) {
        List<String> args = withPid(template);
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);

        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
        if (pmap.status() != 0) {
            PmapBadInputTest.assertOneErrorLine(args, vmtool);
        }
    }

    static Stream<List<String>> helpOrVersion() {
        return Stream.of(
                List.of("-h"),
                List.of("--help", PID),
                List.of("--he"),
                List.of("-xh"),
                List.of("-h", "-z"),
                List.of("-x", "-X", "-h"),
                List.of("-V"),
                List.of("--vers"),
                List.of("-Vz"),
                List.of(PID, "-V", "--bogus"));
    }

    /** Help and version are vmtool's own text; they are printed, with status 0, exactly when pmap prints its own. */
    @ParameterizedTest(name = "pmap {0}")
    @MethodSource("helpOrVersion")
    void helpAndVersionActWhereTheyStand(List<String> template) {
        List<String> args = withPid(template);
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);

        assertThat(pmap.status()).as("pmap " + args).isZero();
        assertThat(vmtool.status()).as("vmtool pmap " + args + ": " + vmtool.errText()).isZero();
        assertThat(new String(vmtool.out(), java.nio.charset.StandardCharsets.UTF_8))
                .containsAnyOf("Usage: vmtool pmap", "vmtool ");
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
