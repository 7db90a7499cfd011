package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vmtool pmap} run as Main runs it: through CommandLineFactory.run, asserting exit status and streams. */
class PmapCommandTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every option pmap 4.0.2 documents, plus vmtool's -k and the standard help/version. */
    static final List<String> OPTIONS = List.of("-x", "--extended", "-X", "-c", "--read-rc", "-C", "--read-rc-from",
            "-n", "--create-rc", "-N", "--create-rc-to", "-d", "--device", "-q", "--quiet", "-p", "--show-path",
            "-k", "--use-kernel-name", "-A", "--range", "-h", "--help", "-V", "--version");

    @Test
    void helpListsEveryOptionAndEndsWithTheExamples() {
        Run run = run("pmap", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: vmtool pmap ");
        for (String option : OPTIONS) {
            assertThat(run.out()).as("help names %s", option).containsPattern("(?m)^\\s+(-\\w, )?" + option
                    + "[ =,\\n]|, " + option + "[ =\\n]");
        }
        assertThat(run.out()).contains("PID");
        int exitStatus = run.out().indexOf("\nExit status:\n");
        int examples = run.out().indexOf("\nExamples:\n");
        assertThat(exitStatus).isPositive();
        assertThat(examples).isGreaterThan(exitStatus);
        List<String> afterExamples = run.out().substring(examples + "\nExamples:\n".length()).strip().lines().toList();
        assertThat(afterExamples).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("  vmtool pmap "));
        assertThat(run.out()).endsWith("choose columns in a file\n");
    }

    @Test
    void helpDoesNotListTheHiddenSunosOption() {
        assertThat(run("pmap", "--help").out()).doesNotContainPattern("(?m)^\\s+-r\\b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmap", ""})
    void versionIsVmtoolAndTheProjectVersion(String command) {
        Run run = command.isEmpty() ? run("--version") : run(command, "--version");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("vmtool \\d+\\.\\d+(\\.\\d+)?([-.][\\w.]+)?\\n");
    }

    @Test
    void shortVersionOption() {
        assertThat(run("pmap", "-V").out()).isEqualTo(run("--version").out());
    }

    static List<List<String>> usageErrors() {
        return List.of(
                List.of("pmap"),
                List.of("pmap", "-x", "-d", "1"),
                List.of("pmap", "-X", "-x", "1"),
                List.of("pmap", "-c", "-C", "/nonexistent", "1"),
                List.of("pmap", "--bogus", "1"),
                List.of("pmap", "12abc"),
                List.of("pmap", "09"),
                List.of("pmap", "0"),
                List.of("pmap", "2147483648"),
                List.of("pmap", "-A", "xyz", "1"),
                List.of("pmap", "-A"),
                List.of("pmap", "-n", "-q"),
                List.of("pmap", "-N", "/tmp/never-written-by-vmtool-test", "1"),
                List.of("pmap", "/proc/self"));
    }

    @ParameterizedTest(name = "vmtool {0}")
    @MethodSource("usageErrors")
    void usageErrorExits1WithOneLineOnStderr(List<String> args) {
        Run run = run(args.toArray(new String[0]));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ");
    }

    @Test
    void aPidThatCannotExistExits42() {
        // Above any pid_max Linux allows (4194304), so never a live process.
        Run run = run("pmap", "2147483647");

        assertThat(run.status()).isEqualTo(42);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ").contains("2147483647");
    }

    @Test
    void noCommandExits2() {
        Run run = run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool: ");
    }

    @Test
    void unknownCommandExits2() {
        Run run = run("pmapp", "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool: ");
    }

    @Test
    void pmapOfThisJvmExits0AndStartsWithItsPid() {
        String pid = Long.toString(ProcessHandle.current().pid());

        Run run = run("pmap", "-q", pid);

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith(pid + ":   ");
        assertThat(run.err()).isEmpty();
    }
}
