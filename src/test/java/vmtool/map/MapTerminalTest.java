package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ChildVmtool;
import vmtool.Tmux;

/**
 * The terminal map on a real pseudo-terminal: a tmux server of the test's own (its own socket, killed after), 120
 * columns wide, running vmtool in a child JVM; and the same command with its output on a pipe.
 */
@Tag("slow")
class MapTerminalTest {
    @TempDir
    Path dir;

    @Test
    void onATerminalTheBarsAreInEachKindsColour() throws Exception {
        String screen = onTerminal("env", "-u", "NO_COLOR");
        assertThat(screen).contains("\u001b[38;5;" + KindStyle.ansi256(vmtool.model.MappingKind.HEAP) + "m\u2588");
        assertThat(screen).contains("\u001b[38;5;" + KindStyle.ansi256(vmtool.model.MappingKind.LIBRARY) + "m");
        assertThat(screen).contains(" heap ").contains(" unmapped ~~");
    }

    @Test
    void noColorKeepsTheBarsWithoutColour() throws Exception {
        String screen = onTerminal("env", "NO_COLOR=1");
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
    private String onTerminal(String... env) throws Exception {
        try (Tmux tmux = new Tmux(dir)) {
            List<String> command = new ArrayList<>(List.of(env));
            command.addAll(vmtoolCommand());
            tmux.start(120, 40, command);
            tmux.await(Tmux.DONE, 60);
            return tmux.screenWithColours();
        }
    }

    private static List<String> vmtoolCommand() {
        return ChildVmtool.command("map", "--file", Helpers.HOMEWORK_SMAPS.toAbsolutePath().toString());
    }
}
