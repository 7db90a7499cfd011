package vmtool.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.DiesWithTheJvm;
import vmtool.Tmux;

/**
 * Every human output on a real terminal (tmux) of 80x24 and 60x20, as a student has: no line wider than the
 * terminal, nothing wrapped, and the figures that matter on the screen. The captures are saved in
 * target/terminal-captures for people to read.
 */
@Timeout(180)
@Tag("slow")
class FitsTheTerminalTest {
    private static final String HOMEWORK = Path.of("src/test/resources/smaps/homework-memory-user.smaps")
            .toAbsolutePath().toString();
    private static final Path CAPTURES = Path.of("target/terminal-captures");

    @TempDir
    Path dir;
    private Tmux tmux;
    private Process target;

    @BeforeEach
    void startTarget() throws Exception {
        tmux = new Tmux(dir);
        // A live process for anatomy, where and watch: a program with libraries, a heap and a stack.
        target = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600"));
        libcStart(target.pid());
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        target.destroyForcibly();
        target.waitFor(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "60, 20"})
    void mapFits(int columns, int rows) throws Exception {
        tmux.start(columns, rows, Tmux.vmtool("map", "--file", HOMEWORK));
        String screen = tmux.await(Tmux.DONE + " 0", 60);
        tmux.save(CAPTURES.resolve("map-" + columns + "x" + rows + ".txt"));

        tmux.assertNothingWrapped(columns);
        assertThat(screen).contains(" heap ").contains("libc.so.6").contains("[vsyscall]");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "60, 20"})
    void anatomyFitsWithItsMeaningsAndTotals(int columns, int rows) throws Exception {
        tmux.start(columns, rows, Tmux.vmtool("anatomy", Long.toString(target.pid())));
        tmux.await(Tmux.DONE + " 0", 60);
        tmux.save(CAPTURES.resolve("anatomy-" + columns + "x" + rows + ".txt"));

        tmux.assertNothingWrapped(columns);
        String history = tmux.history();
        assertThat(history).containsPattern("(?m)^total +[0-9]+ +[0-9]+ +[0-9]+")
                .contains("the brk heap, where malloc puts small blocks").contains("kinds of region in");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "60, 20"})
    void whereFits(int columns, int rows) throws Exception {
        String libc = libcStart(target.pid());
        tmux.start(columns, rows, Tmux.vmtool("where", Long.toString(target.pid()), libc, "0x1000"));
        tmux.await(Tmux.DONE + " 1", 60);
        tmux.save(CAPTURES.resolve("where-" + columns + "x" + rows + ".txt"));

        tmux.assertNothingWrapped(columns);
        // Continuation lines joined to their line again.
        assertThat(tmux.history().replace("\n    ", " ")).contains("libc.so.6").contains("into the mapping")
                .contains("not mapped");
    }

    /**
     * The status line stays one line, rewritten in place, with the time left and VmRSS on the screen; and after a
     * resize it fits the new width at the next refresh.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "60, 20"})
    void touchKeepsTheTimeLeftAndVmRssOnOneLine(int columns, int rows) throws Exception {
        tmux.start(columns, rows, Tmux.vmtool("touch", "32", "--seconds", "6", "--interval", "0.2"));
        tmux.await("remaining", 60);
        Thread.sleep(1500);
        String running = tmux.screen();
        tmux.save(CAPTURES.resolve("touch-running-" + columns + "x" + rows + ".txt"));
        String status = statusLine(running);
        assertThat(status).as(running).containsPattern("remaining [0-9]+ s").containsPattern("VmRSS [0-9.]+ MiB");
        assertThat(status.length()).as(status).isLessThan(columns);
        // Rewritten in place: the refreshes left no cut-off copies behind.
        assertThat(running.split("VmRSS", -1)).as(running).hasSize(2);
        tmux.assertNothingWrapped(columns);

        tmux.await(Tmux.DONE + " 0", 60);
        tmux.save(CAPTURES.resolve("touch-" + columns + "x" + rows + ".txt"));
        tmux.assertNothingWrapped(columns);
        assertThat(tmux.history()).contains("peak VmRSS").contains("Freed.");
    }

    @Test
    void touchFollowsAResizedTerminal() throws Exception {
        tmux.start(120, 24, Tmux.vmtool("touch", "32", "--seconds", "8", "--interval", "0.2"));
        String wide = statusLine(tmux.await("remaining", 60));
        assertThat(wide).startsWith("[").contains("passes");
        tmux.resize(50, 20);
        Thread.sleep(1000);
        String narrow = statusLine(tmux.screen());
        assertThat(narrow).as(tmux.screen()).doesNotContain("passes").contains("remaining").contains("VmRSS");
        assertThat(narrow.length()).isLessThan(50);
        tmux.await(Tmux.DONE + " 0", 60);
    }

    /** The frame is redrawn in place: the title on the first row, the total on the screen, nothing wrapped. */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "60, 20"})
    void watchKeepsItsTitleOnTheScreen(int columns, int rows) throws Exception {
        tmux.start(columns, rows, Tmux.vmtool("watch", "--interval", "0.3", "--count", "8",
                Long.toString(target.pid())));
        String screen = tmux.await("refresh 5", 60);
        tmux.save(CAPTURES.resolve("watch-" + columns + "x" + rows + ".txt"));
        assertThat(screen.lines().findFirst().orElseThrow()).as(screen)
                .containsPattern("^(vmtool watch: )?pid " + target.pid() + " \\(sleep\\)  refresh 5");
        assertThat(screen).containsPattern("(?m)^total +[0-9]+");
        tmux.assertNothingWrapped(columns);
        tmux.await(Tmux.DONE + " 0", 60);
    }

    /** The status line: the last line on the screen that names VmRSS. */
    private static String statusLine(String screen) {
        String found = "";
        for (String line : screen.split("\n")) {
            if (line.contains("VmRSS")) {
                found = line.stripTrailing();
            }
        }
        return found;
    }

    /** Where libc starts in the process, once the loader has mapped it (the process may have only just started). */
    static String libcStart(long pid) throws Exception {
        for (int tries = 0; tries < 100; tries++) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
                if (line.endsWith("libc.so.6")) {
                    return "0x" + line.substring(0, line.indexOf('-'));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no libc in " + pid + "'s maps");
    }
}
