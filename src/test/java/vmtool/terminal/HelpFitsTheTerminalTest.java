package vmtool.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.Tmux;
import vmtool.Unprivileged;

/**
 * Every --help on a real terminal (tmux) of 60 columns, where picocli fits the text to the terminal: nothing wraps,
 * and each example's command stands whole on a line of its own, what it does indented below it, never at the first
 * column.
 */
@Timeout(300)
@Tag("slow")
class HelpFitsTheTerminalTest {
    private static final Path CAPTURES = Path.of("target/terminal-captures");

    @TempDir
    Path dir;
    private Tmux tmux;

    @BeforeEach
    void start() {
        tmux = new Tmux(dir);
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
    }

    static Stream<String> commands() {
        return Stream.of("", "pmap", "touch", "anatomy", "where", "pages", "map", "watch", "diff", "ps", "share");
    }

    /** The root's help, one that picocli parses (anatomy) and one that getopt hands to picocli (pmap). */
    static Stream<String> twoWaysToHelp() {
        return Stream.of("", "anatomy", "pmap");
    }

    @ParameterizedTest(name = "vmtool {0} --help")
    @MethodSource("commands")
    void fitsSixtyColumnsWithEachExampleWhole(String command) throws Exception {
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.add("--help");
        tmux.start(60, 20, Tmux.vmtool(args.toArray(new String[0])));
        tmux.await(Tmux.DONE + " 0", 60);
        tmux.save(CAPTURES.resolve("help-" + (command.isEmpty() ? "vmtool" : command) + "-60x20.txt"));

        tmux.assertNothingWrapped(60);
        String history = tmux.history();
        String examples = history.substring(history.lastIndexOf("Examples:\n") + "Examples:\n".length(),
                history.indexOf(Tmux.DONE));
        assertThat(examples.lines().filter(line -> !line.isBlank()))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  "))
                .anySatisfy(line -> assertThat(line).startsWith("  vmtool " + command));
        for (String line : examples.lines().toList()) {
            if (line.startsWith("      ")) {
                continue; // what the example above does
            }
            assertThat(line.strip()).as("an example's command, whole").matches("vmtool( \\S+)*( {2,}\\S.*)?");
        }
    }

    /**
     * The width is asked of the terminal itself: picocli's own way runs {@code stty} found on PATH, which for root
     * with a directory others can write on PATH (or {@code .}) runs their program. A planted {@code stty} first on
     * PATH must not run, and the help still fits.
     */
    @ParameterizedTest(name = "vmtool {0} --help")
    @MethodSource("twoWaysToHelp")
    void runsNoProgramFromPathToLearnTheWidth(String command) throws Exception {
        // The unprivileged account's directory and program, as a PATH entry another user can write would hold.
        Path bin = Unprivileged.ownedDirectory(dir, "bin");
        Path ran = dir.resolve("stty-ran");
        Path stty = Files.writeString(bin.resolve("stty"), "#!/bin/sh\necho \"$@\" > " + ran + "\n");
        stty.toFile().setExecutable(true);
        Unprivileged.chown(stty);
        List<String> line = new ArrayList<>(List.of("env", "PATH=" + bin + ":/usr/bin:/bin"));
        line.addAll(Tmux.vmtool(command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"}));
        tmux.start(60, 20, line);
        tmux.await(Tmux.DONE + " 0", 60);

        tmux.assertNothingWrapped(60);
        assertThat(ran).as("a stty from PATH was run").doesNotExist();
    }
}
