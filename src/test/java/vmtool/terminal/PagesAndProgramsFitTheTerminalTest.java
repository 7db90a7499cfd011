package vmtool.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.ChildRun;
import vmtool.ChildVmtool;
import vmtool.DiesWithTheJvm;
import vmtool.Tmux;

/**
 * The commands of pages and programs (pages, where --physical, touch --physical, ps, share, anatomy of several
 * processes, anatomy --pages) on a real terminal (tmux) of 80x24 and 60x20, on processes this test starts: nothing
 * wraps, and what matters is on the screen. Into a pipe nothing is fitted, whatever $COLUMNS says. The captures are
 * saved in target/terminal-captures.
 */
@Timeout(300)
@Tag("slow")
class PagesAndProgramsFitTheTerminalTest {
    private static final Path CAPTURES = Path.of("target/terminal-captures");

    @TempDir
    Path dir;
    private Tmux tmux;
    private Process target;
    private Process second;

    @BeforeEach
    void startTargets() throws Exception {
        tmux = new Tmux(dir);
        target = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600"));
        second = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600"));
        FitsTheTerminalTest.libcStart(target.pid());
        FitsTheTerminalTest.libcStart(second.pid());
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        for (Process process : List.of(target, second)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A name for the capture, the command (PID, PID2 and LIBC stand for the targets and libc's start), and what must
     * be in the history (a regular expression).
     */
    static Stream<Arguments> commands() {
        List<Arguments> commands = new ArrayList<>();
        for (int[] size : new int[][] {{80, 24}, {60, 20}}) {
            for (Object[] command : new Object[][] {
                    // The note on what '-' means is a sentence: wrapped, never cut.
                    {"pages", List.of("pages", "PID"), "(?s)'-': not\\s+known.*\\ntotal +[0-9]+ +[0-9]+"},
                    // Each run wrapped, never cut: its frames and flags are what --runs --frames is asked for.
                    {"pages-runs", List.of("pages", "--runs", "--frames", "PID", "LIBC"),
                        "(?m)^  [0-9a-f]+-[0-9a-f]+ +[0-9]+ pages? +present .*frames 0x[0-9a-f]+.*flags [a-z]"},
                    {"where-physical", List.of("where", "--physical", "PID", "LIBC"), "physical address 0x"},
                    {"touch-physical", List.of("touch", "8", "--seconds", "1", "--physical"),
                        "first page 0x[0-9a-f]+ is frame"},
                    {"ps", List.of("ps"), "(?m)^ *[0-9]+ +total"},
                    {"share", List.of("share", "PID"), "process PID shares"},
                    {"anatomy-pids", List.of("anatomy", "PID", "PID2"), "(?m)^total +[0-9]+"},
                    {"anatomy-pages", List.of("anatomy", "--pages", "PID"), "pages of each kind"}}) {
                commands.add(Arguments.of(size[0], size[1], command[0], command[1], command[2]));
            }
        }
        return commands.stream();
    }

    @ParameterizedTest(name = "{2} at {0}x{1}")
    @MethodSource("commands")
    void fitsAndShowsWhatMatters(int columns, int rows, String name, List<String> args, String shown)
            throws Exception {
        tmux.start(columns, rows, Tmux.vmtool(resolve(args).toArray(new String[0])));
        tmux.await(Tmux.DONE + " 0", 120);
        tmux.save(CAPTURES.resolve(name + "-" + columns + "x" + rows + ".txt"));

        tmux.assertNothingWrapped(columns);
        // A line vmtool wrapped, its continuation (six blanks) joined to it again.
        assertThat(tmux.history().replace("\n      ", " "))
                .containsPattern(shown.replace("PID", Long.toString(target.pid())));
    }

    /**
     * Into a pipe, with COLUMNS=60, each is printed whole: libc's path is not shortened (ps: every column is there),
     * and the columns are those of COLUMNS=200.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("piped")
    void intoAPipeNothingIsFitted(List<String> args, String whole) throws Exception {
        ChildRun narrow = piped(args, 60);
        ChildRun wide = piped(args, 200);
        assertThat(narrow.status()).as(narrow.err()).isZero();
        String pattern = whole.equals("LIBC") ? Pattern.quote(libcPath(target.pid()))
                : whole.replace("PID2", Long.toString(second.pid()));
        assertThat(narrow.out()).containsPattern(pattern).doesNotContain("\u2026");
        if (whole.equals("LIBC")) {
            // (ps's lines may be narrower than 60 anyway: its whole header, which a 60-column terminal cuts, shows it.)
            assertThat(narrow.out().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(60);
        }
        assertThat(header(narrow.out())).isEqualTo(header(wide.out()));
    }

    static Stream<Arguments> piped() {
        return Stream.of(Arguments.of(List.of("pages", "PID"), "LIBC"),
                Arguments.of(List.of("share", "PID"), "LIBC"),
                Arguments.of(List.of("anatomy", "--detail", "PID", "PID2"), "LIBC"),
                Arguments.of(List.of("anatomy", "--pages", "--detail", "PID"), "LIBC"),
                Arguments.of(List.of("where", "--physical", "PID", "LIBC"), "LIBC"),
                Arguments.of(List.of("ps", "--name", "sleep"),
                        "PID +USER +NAME +MAPS +SWAP +USS +PSS +RSS +COMMAND\n(.*\n)* *PID2 +root +sleep +[0-9]+"));
    }

    private ChildRun piped(List<String> args, int columns) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildVmtool.command(resolve(args).toArray(new String[0])))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("COLUMNS", Integer.toString(columns));
        return ChildRun.of(builder.start(), 120);
    }

    /** The lines that name columns (all capitals and blanks): the same columns at every width. */
    private static List<String> header(String text) {
        return text.lines().filter(line -> line.matches(" *[A-Z][A-Z_>1 ]{8,}")).toList();
    }

    private List<String> resolve(List<String> args) throws Exception {
        List<String> resolved = new ArrayList<>();
        for (String arg : args) {
            resolved.add(switch (arg) {
                case "PID" -> Long.toString(target.pid());
                case "PID2" -> Long.toString(second.pid());
                case "LIBC" -> FitsTheTerminalTest.libcStart(target.pid());
                default -> arg;
            });
        }
        return resolved;
    }

    private static String libcPath(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            if (line.endsWith("libc.so.6")) {
                return line.substring(line.indexOf('/'));
            }
        }
        throw new AssertionError("no libc in " + pid + "'s maps");
    }
}
