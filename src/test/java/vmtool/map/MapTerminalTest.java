package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.JdkFlags;

/**
 * The terminal map on a real pseudo-terminal: a tmux server of the test's own (its own socket, killed after), 120
 * columns wide, running vmtool in a child JVM; and the same command with its output on a pipe.
 */
class MapTerminalTest {
    private static final String DONE = "__vmtool_map_done__";

    @TempDir
    Path dir;
    private Path socket;

    @BeforeEach
    void checkTmux() {
        if (!Files.isExecutable(Path.of("/usr/bin/tmux"))) {
            throw new AssertionError("the terminal tests need tmux: apt-get install tmux (scripts/test installs it)");
        }
        socket = dir.resolve("tmux.sock");
    }

    @AfterEach
    void killServer() throws Exception {
        run(List.of("tmux", "-S", socket.toString(), "kill-server"));
    }

    @Test
    void onATerminalTheBarsAreInEachKindsColour() throws Exception {
        String screen = onTerminal("env -u NO_COLOR");
        assertThat(screen).contains("\u001b[38;5;" + KindStyle.ansi256(vmtool.model.MappingKind.HEAP) + "m\u2588");
        assertThat(screen).contains("\u001b[38;5;" + KindStyle.ansi256(vmtool.model.MappingKind.LIBRARY) + "m");
        assertThat(screen).contains(" heap ").contains(" unmapped ~~");
    }

    @Test
    void noColorKeepsTheBarsWithoutColour() throws Exception {
        String screen = onTerminal("env NO_COLOR=1");
        assertThat(screen).doesNotContain("\u001b[38;5;").contains("\u2588").contains(" heap ");
    }

    @Test
    void aPipeGetsPlainText() throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-u", "NO_COLOR"));
        command.addAll(vmtoolCommand());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u2588").contains("#").contains(" heap ");
    }

    /** The screen, with its colours as escape sequences, after the map is drawn on a 120x40 terminal. */
    private String onTerminal(String env) throws Exception {
        String command = env + " " + String.join(" ", quoted(vmtoolCommand())) + "; echo " + DONE + "; sleep 600";
        RunResult started = run(List.of("tmux", "-S", socket.toString(), "new-session", "-d", "-x", "120", "-y",
                "40", command));
        assertThat(started.status()).as(started.out()).isZero();
        for (int tries = 0; tries < 600; tries++) {
            String plain = run(List.of("tmux", "-S", socket.toString(), "capture-pane", "-p")).out();
            if (plain.contains(DONE)) {
                return run(List.of("tmux", "-S", socket.toString(), "capture-pane", "-p", "-e")).out();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("vmtool map did not finish in the terminal");
    }

    private static List<String> vmtoolCommand() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JdkFlags.forThisJdk());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "vmtool.Main", "map", "--file",
                Helpers.HOMEWORK_SMAPS.toAbsolutePath().toString()));
        return command;
    }

    private static List<String> quoted(List<String> words) {
        return words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList();
    }

    private record RunResult(int status, String out) {
    }

    private static RunResult run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new RunResult(process.exitValue(), out);
    }
}
