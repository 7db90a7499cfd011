package vmtool.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.Unprivileged;

/**
 * The test command, scripts/test: the one README.md gives is the one .ci/run runs, and the one docs/development.md
 * describes; and what it does on a machine that lacks what the tests need. That machine is played by a PATH of
 * stand-ins: the script's own tools and, as a case needs them, gcc, pmap and the others linked from this machine,
 * an apt-get that only records its arguments, and an mvn that only records its arguments.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TestCommandTest {
    private static final Path ROOT = DocExamplesTest.root();
    /** What scripts/test itself runs. */
    private static final List<String> ITS_OWN_TOOLS = List.of("bash", "dirname", "sort", "id", "sed", "cat");
    /** What the fast tier's tests run, besides a JDK and mvn. */
    private static final List<String> FAST_TIER_TOOLS = List.of("gcc", "pmap", "readelf", "setpriv", "useradd");

    private Path work;
    private Path checkout;
    private Path bin;
    private Path calls;

    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void aCheckoutAndAnEmptyMachine() throws IOException {
        work = Files.createTempDirectory("vmtool-test-command-");
        checkout = work.resolve("checkout");
        Files.createDirectories(checkout.resolve("scripts"));
        Files.copy(ROOT.resolve("scripts/test"), checkout.resolve("scripts/test"));
        bin = work.resolve("bin");
        Files.createDirectories(bin);
        for (String tool : ITS_OWN_TOOLS) {
            link(tool);
        }
        calls = work.resolve("calls");
        for (String standIn : List.of("apt-get", "mvn")) {
            Files.writeString(bin.resolve(standIn), "#!/bin/sh\necho \"" + standIn + " $*\" >>'" + calls + "'\n");
        }
        // The unprivileged case runs it as another user: everything readable, the calls file writable.
        Files.createFile(calls);
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            path.equals(calls) ? "rw-rw-rw-" : "rwxr-xr-x"));
                }
            }
        }
    }

    @AfterEach
    void removeIt() throws IOException {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void readmesTestCommandIsWhatCiRunsAndWhatTheDeveloperGuideDescribes() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher command = Pattern.compile("(?m)^(scripts/test)\\s+# ").matcher(readme);
        assertThat(command.find()).as("README.md gives the test command in a code block").isTrue();
        String testCommand = command.group(1);
        // .ci/run runs exactly it, with a JDK chosen by JAVA_HOME and PATH, and nothing else runs Maven.
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
        assertThat(ci.stream().map(String::strip).filter(line -> !line.startsWith("#")))
                .as(".ci/run runs README's test command")
                .anyMatch(line -> line.matches("(\\w+=\\S+ )*" + Pattern.quote(testCommand)))
                .noneMatch(line -> line.matches("(.* )?mvn( .*)?"));
        String guide = Files.readString(ROOT.resolve("docs/development.md"), StandardCharsets.UTF_8);
        assertThat(guide).contains(testCommand + "\n", testCommand + " --fast", "mvn -B verify", "mvn -B -Pfast test");
        assertThat(readme).contains("(docs/development.md)");
        assertThat(ROOT.resolve(testCommand)).isExecutable();
    }

    @Test
    void asRootItInstallsWhatIsMissingWithAptGetAndSaysWhatStillIs() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "apt-get is root's");
        Run run = run(List.of(), List.of());
        List<String> expected = new ArrayList<>(List.of("binutils", "bsdutils"));
        // The browser tests take them by path, where this machine may have them.
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            expected.add("chromium");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
            expected.add("chromium-driver");
        }
        expected.addAll(List.of("gcc", "git", "groff-base", "libc6-dev", "passwd", "procps", "python3", "tmux",
                "util-linux"));
        String packages = String.join(" ", expected);
        assertThat(Files.readAllLines(calls)).containsExactly("apt-get update -qq",
                "apt-get install -y -qq " + packages);
        // The stand-in installed nothing: it says so, and runs no test.
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scripts/test: installing what the tests need: " + packages + "\n"
                + "scripts/test: still missing after apt-get install: " + packages + "\n");
    }

    @Test
    void asAnotherUserItPrintsTheOneCommandThatInstalls() throws Exception {
        Unprivileged.account();
        Run run = run(Unprivileged.asUser(), List.of("--fast"));
        String packages = "binutils gcc libc6-dev passwd procps util-linux";
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scripts/test: the tests need " + packages + "; install them (as root:"
                + " apt-get update && apt-get install -y " + packages + "), then run scripts/test again\n");
        assertThat(calls).as("neither apt-get nor mvn").isEmptyFile();
    }

    @Test
    void withNothingMissingItRunsTheTierWithTheArgumentsGiven() throws Exception {
        for (String tool : FAST_TIER_TOOLS) {
            link(tool);
        }
        Run fast = run(List.of(), List.of("--fast", "-o", "-Dtest=DiffCommandTest"));
        assertThat(fast.status()).as(fast.err()).isZero();
        assertThat(fast.err()).isEmpty();
        assertThat(Files.readAllLines(calls)).containsExactly("mvn -B -Pfast -o -Dtest=DiffCommandTest test");
    }

    /** Links a tool of this machine's into the stand-in PATH. */
    private void link(String tool) throws IOException {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path found = Path.of(dir, tool);
            if (Files.isExecutable(found)) {
                Files.createSymbolicLink(bin.resolve(tool), found);
                return;
            }
        }
        throw new IllegalStateException("no " + tool + " on this machine");
    }

    /** scripts/test ARGS in the checkout, with the stand-in PATH and this JVM's JDK as JAVA_HOME. */
    private Run run(List<String> prefix, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(checkout.resolve("scripts/test").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = work.resolve("out");
        Path err = work.resolve("err");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
