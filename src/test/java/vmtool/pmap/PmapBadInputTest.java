package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input: vmtool exits as pmap does (1 for usage errors), prints what pmap prints on stdout (nothing),
 * and writes exactly one line to stderr that starts with "vmtool pmap:" — never a stack trace.
 */
@Tag("slow")
class PmapBadInputTest extends AgainstReferencePmap {
    @Override
    Mapper startHelper() {
        return Mapper.startSmall();
    }

    static Stream<List<String>> usageErrors() {
        return Stream.of(
                List.of(),
                List.of("abc"),
                List.of("0"),
                List.of("-1"),
                List.of("4294967296"),
                List.of("12abc"),
                List.of(""),
                List.of(" 1"),
                List.of("/proc/"),
                List.of("/proc/abc"),
                List.of(PID, "abc"),
                List.of("abc", PID),
                List.of("-x", "-X", PID),
                List.of("-d", "-x", PID),
                List.of("-X", "-d", PID),
                List.of("-c", "-C", "f", PID),
                List.of("-C", "f", "-n"),
                List.of("-A", "xyz", PID),
                List.of("-A", "1,2,3", PID),
                List.of("-A", "0x", PID),
                List.of("-A", "10g", PID),
                List.of("-A"),
                List.of("--range"),
                List.of("-C", "/nonexistent", PID),
                List.of("--read-rc-from=/nonexistent", PID),
                List.of("-C"),
                List.of("-n", "123"),
                List.of("-n", "-q"),
                List.of("-N", "/nonexistent-dir/rc", PID),
                List.of("-N", "/tmp/unused-rc", "-p"),
                List.of("-Z", PID),
                List.of("--bogus", PID),
                List.of("--extended=yes", PID),
                List.of("-x"),
                List.of("-q", "-p"));
    }

    @ParameterizedTest(name = "pmap {0}")
    @MethodSource("usageErrors")
    void usageError(List<String> template) {
        Differential.Pair pair = assertSameAsPmap(template);
        assertThat(pair.pmap().status()).as("pmap's own status for " + template).isEqualTo(1);
        assertOneErrorLine(template, pair.vmtool());
    }

    static void assertOneErrorLine(List<String> args, RunResult vmtool) {
        assertThat(vmtool.errText()).as("vmtool pmap " + args + ": stderr").hasLineCount(1)
                .startsWith("vmtool pmap:").doesNotContain("Exception", "\tat ", "not yet implemented");
    }

    /** -r is accepted and ignored with a warning; the output is the normal one. */
    @Test
    void sunosDashR() {
        List<String> args = List.of("-r", mapper.pidArg());
        Differential.Pair pair = Differential.assertSame(args);
        assertThat(pair.pmap().errText()).contains("-r is ignored");
        assertOneErrorLine(args, pair.vmtool());
    }

    /** -N with PIDs is an error, and must not create the file. */
    @Test
    void createRcWithPids() throws IOException {
        Path dir = Files.createTempDirectory("vmtool-bad-");
        try {
            Path rc = dir.resolve("rc");
            List<String> args = List.of("-N", rc.toString(), mapper.pidArg());
            RunResult pmap = ReferencePmap.run(args);
            RunResult vmtool = VmtoolRunner.inProcess(args);
            assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
            assertThat(pmap.status()).isEqualTo(1);
            assertThat(rc).doesNotExist();
            assertOneErrorLine(args, vmtool);
        } finally {
            Processes.deleteTree(dir);
        }
    }

    // ---- an unreadable process: vmtool and pmap run as nobody against a root-owned process ----

    static Stream<List<String>> modes() {
        return Stream.of(List.of(), List.of("-x"), List.of("-X"), List.of("-XX"), List.of("-d"), List.of("-q"));
    }

    @ParameterizedTest(name = "as nobody: pmap {0} ROOT-OWNED")
    @MethodSource("modes")
    void unreadableProcess(List<String> mode) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv");
        Assumptions.assumeTrue(Processes.readProcString(Path.of("/proc/self/status")).contains("Uid:\t0\t"),
                "needs root to become nobody");
        List<String> asNobody = List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        List<String> args = new ArrayList<>(mode);
        args.add(mapper.pidArg());
        List<String> pmapCommand = new ArrayList<>(asNobody);
        pmapCommand.add(ReferencePmap.BINARY.toString());
        pmapCommand.addAll(args);
        RunResult pmap = Processes.runToEnd(pmapCommand, Map.of(), Path.of("/"));
        RunResult vmtool = VmtoolRunner.childJvm(asNobody, Map.of(), Path.of("/"), args);

        assertThat(pmap.status()).as("pmap as nobody: " + pmap.errText()).isEqualTo(1);
        assertThat(Outputs.lines(pmap.out())).as("pmap prints the header line only").hasSize(1);
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
        assertOneErrorLine(args, vmtool);
    }
}
