package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vmtool pmap} run as Main runs it: through CommandLineFactory.run, asserting exit status and streams. */
class PmapCommandTest {

    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** Every option pmap 4.0.2 documents, plus vmtool's -k and the standard help/version. */
    static final List<String> OPTIONS = List.of("-x", "--extended", "-X", "-c", "--read-rc", "-C", "--read-rc-from",
            "-n", "--create-rc", "-N", "--create-rc-to", "-d", "--device", "-q", "--quiet", "-p", "--show-path",
            "-k", "--use-kernel-name", "-A", "--range", "-h", "--help", "-V", "--version");

    /**
     * The forms --help shows for -A and -C work when typed as shown: getopt reads "-A=LOW" as the range "=LOW"
     * (refused) and "-C=FILE" as the file "=FILE", so help must show "-A LOW[,HIGH]", "-C FILE" and the long forms.
     */
    @Test
    void helpShowsTheArgumentFormsThatWorkWhenTyped() {
        String help = run("pmap", "--help").out();

        assertThat(help).contains("[-A LOW[,HIGH]]", "[-C FILE]", "[-N FILE]", "--range=LOW[,HIGH]",
                "--read-rc-from=FILE").doesNotContain("-A=", "-C=", "-N=");
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(run("pmap", "-A", "0,0", "-q", pid).status()).isZero();
        assertThat(run("pmap", "--range=0,0", "-q", pid).status()).isZero();
        assertThat(run("pmap", "-A=0,0", pid).err()).contains("'=0,0' is not an address range");
    }

    @Test
    void helpListsEveryOptionAndEndsWithTheExamples() {
        CommandRun run = run("pmap", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: vmtool pmap ");
        for (String option : OPTIONS) {
            assertThat(run.out()).as("help names %s", option)
                    .containsPattern("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])");
        }
        assertThat(run.out()).contains("PID");
        int exitStatus = run.out().indexOf("\nExit status:\n");
        int examples = run.out().indexOf("\nExamples:\n");
        assertThat(exitStatus).isPositive();
        assertThat(examples).isGreaterThan(exitStatus);
        String examplesSection = run.out().substring(examples + "\nExamples:\n".length());
        assertThat(examplesSection).as("Examples is the last section").doesNotContain("\n\n").endsWith("\n");
        assertThat(examplesSection.lines().filter(line -> line.startsWith("  vmtool pmap ")).count())
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * Help is printed 80 columns wide when not on a terminal (piped, man page generation): each example must still
     * be one line that can be copied. Fails while the -N/-C example is 88 columns long and wraps "a file" onto a
     * line of its own at column 0.
     */
    @Test
    void everyExampleIsOneLineAt80Columns() {
        CommandRun run = run("pmap", "--help");

        String examplesSection = run.out().substring(run.out().indexOf("\nExamples:\n") + "\nExamples:\n".length());
        assertThat(examplesSection.lines().toList())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  vmtool pmap ").hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void helpDoesNotListTheHiddenSunosOption() {
        assertThat(run("pmap", "--help").out()).doesNotContainPattern("(?m)^\\s+-r\\b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmap", ""})
    void versionIsVmtoolAndTheProjectVersion(String command) throws Exception {
        CommandRun run = command.isEmpty() ? run("--version") : run(command, "--version");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("vmtool " + projectVersion() + "\n");
    }

    /** The project's version from pom.xml (the tests run in the project directory). */
    private static String projectVersion() throws java.io.IOException {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        java.util.regex.Matcher matcher = Pattern.compile("<artifactId>vmtool</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(matcher.find()).as("version in pom.xml").isTrue();
        return matcher.group(1);
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
        CommandRun run = run(args.toArray(new String[0]));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ");
    }

    @Test
    void aPidThatCannotExistExits42() {
        // Above any pid_max Linux allows (4194304), so never a live process.
        CommandRun run = run("pmap", "2147483647");

        assertThat(run.status()).isEqualTo(42);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool pmap: ").contains("2147483647");
    }

    @Test
    void noCommandExits2() {
        CommandRun run = run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool: ");
    }

    @Test
    void unknownCommandExits2() {
        CommandRun run = run("pmapp", "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("vmtool: ");
    }

    /** Not picocli's "unmatched argument at index 0": what was given, the commands there are, the nearest one. */
    @ParameterizedTest(name = "vmtool {0}")
    @ValueSource(strings = {"foo", "pmpa", "tuoch", "PMAP", "--bogus", "-x", "--versio"})
    void anUnknownCommandOrOptionNamesTheCommands(String given) {
        CommandRun run = run(given, "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("vmtool: '" + given + "' is not "
                        + (given.startsWith("-") ? "an option" : "a vmtool command"))
                .contains("the commands are " + Commands.names() + ", help, generate-completion")
                .doesNotContain("unmatched", "index");
        if (List.of("pmpa", "tuoch", "PMAP", "--versio").contains(given)) {
            assertThat(run.err()).containsPattern("did you mean '(pmap|touch|--version)'");
        }
    }

    /** {@code vmtool help NAME} of a name that is no command: the same line as {@code vmtool NAME}, status 2. */
    @ParameterizedTest(name = "vmtool help {0}")
    @ValueSource(strings = {"foo", "tuoch"})
    void helpOfAnUnknownCommandNamesTheCommands(String given) {
        CommandRun run = run("help", given);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("vmtool: '" + given + "' is not a vmtool command")
                .contains("the commands are " + Commands.names() + ", help, generate-completion");
        if (given.equals("tuoch")) {
            assertThat(run.err()).contains("did you mean 'touch'");
        }
    }

    @Test
    void pmapOfThisJvmExits0AndStartsWithItsPid() {
        String pid = Long.toString(ProcessHandle.current().pid());

        CommandRun run = run("pmap", "-q", pid);

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith(pid + ":   ");
        assertThat(run.err()).isEmpty();
    }
}
