package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.ExitCode;
import vmtool.output.RealWriteFailures;

/**
 * Output that cannot be written ends every command with its write-failure status (74; pmap's 1, as procps's) and
 * one line, and a closed pipe with 141 and no line: never the status of input that cannot be read (4) or of an
 * internal error. Each command runs as Main runs it, its standard output a FileOutputStream on the real
 * {@code /dev/full} (ENOSPC) or on a FIFO whose reader has gone (EPIPE); WriteFailureProcessTest runs one as a
 * process of its own.
 */
class WriteFailureTest {
    @TempDir
    static Path temp;
    private static SleepingProcess sleeping;
    private static String pid;
    private static String address;
    private static Path smaps;
    private static Path otherSmaps;

    @BeforeAll
    static void start() throws Exception {
        sleeping = new SleepingProcess();
        pid = Long.toString(sleeping.pid());
        address = sleeping.firstAddress();
        smaps = temp.resolve("sleep.smaps");
        Files.write(smaps, Files.readAllBytes(Path.of("/proc/" + pid + "/smaps")));
        otherSmaps = temp.resolve("self.smaps");
        Files.write(otherSmaps, Files.readAllBytes(Path.of("/proc/self/smaps")));
    }

    @AfterAll
    static void stop() throws Exception {
        sleeping.close();
    }

    /** Every command with output, in each of its output forms; then each one's --help, and vmtool's own. */
    static Stream<List<String>> commands() {
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("pmap", pid),
                List.of("pmap", "-X", pid),
                List.of("pmap", "--json", pid),
                List.of("pmap", "--csv", "--file", smaps.toString()),
                List.of("touch", "1", "--seconds", "1"),
                List.of("touch", "1", "--seconds", "1", "--json"),
                List.of("anatomy", pid),
                List.of("anatomy", "--json", "--detail", pid),
                List.of("anatomy", "--csv", "--file", smaps.toString()),
                List.of("where", pid, address),
                List.of("where", "--json", "--file", smaps.toString(), address),
                List.of("map", pid),
                List.of("map", "--svg", "-", pid),
                List.of("watch", "--count", "1", pid),
                List.of("diff", smaps.toString(), otherSmaps.toString()),
                List.of("diff", "--json", smaps.toString(), smaps.toString()),
                List.of("--help"),
                List.of("--version")));
        for (String command : List.of("pmap", "touch", "anatomy", "where", "map", "watch", "diff")) {
            commands.add(List.of(command, "--help"));
        }
        return commands.stream();
    }

    @ParameterizedTest(name = "vmtool {0} > /dev/full")
    @MethodSource("commands")
    void aFullDiskIsTheWriteFailureStatusAndOneLine(List<String> args) throws IOException {
        Ended ended = run(args, RealWriteFailures.full());

        String name = name(args);
        int expected = ExitCode.writeFailure(args.get(0).startsWith("-") ? "vmtool" : args.get(0));
        assertThat(ended.status()).as("vmtool %s > /dev/full: %s", args, ended.err()).isEqualTo(expected);
        assertThat(ended.err().lines()).as("vmtool %s > /dev/full", args).singleElement().asString()
                .startsWith(name + ": cannot write the output: ").doesNotContain("internal error", "Exception");
    }

    @ParameterizedTest(name = "vmtool {0} | (reader gone)")
    @MethodSource("commands")
    void aClosedPipeIs141AndSilent(List<String> args) throws Exception {
        Ended ended = run(args, RealWriteFailures.closedPipe(temp));

        assertThat(ended.status()).as("vmtool %s into a closed pipe: %s", args, ended.err())
                .isEqualTo(ExitCode.BROKEN_PIPE);
        assertThat(ended.err()).isEmpty();
    }

    private static String name(List<String> args) {
        return args.get(0).startsWith("-") ? "vmtool" : "vmtool " + args.get(0);
    }

    private record Ended(int status, String err) {
    }

    private static Ended run(List<String> args, OutputStream out) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (out; InputStream ignored = InputStream.nullInputStream()) {
            int status = CommandLineFactory.run(args.toArray(new String[0]), out, err);
            return new Ended(status, err.toString(StandardCharsets.UTF_8));
        }
    }
}
