package vmtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for a test: a tmux server of the test's own (its own socket in the test's directory, killed by
 * {@link #close()}), one window of a given size running one shell command, and what is on its screen. Used to see
 * vmtool's human output as a user sees it: fitted to the width, nothing wrapped.
 */
public final class Tmux implements AutoCloseable {
    /** Printed by the shell once the command has ended, with its status: {@code __done__ 0}. */
    public static final String DONE = "__done__";

    private final Path socket;
    /** The server, in the foreground (-D): a child of this JVM, which dies with it ({@link DiesWithTheJvm}). */
    private Process server;

    /** A server on a socket in {@code dir}; nothing runs until {@link #start}. */
    public Tmux(Path dir) {
        if (!Files.isExecutable(Path.of("/usr/bin/tmux"))) {
            throw new AssertionError("the terminal tests need tmux: apt-get install tmux (.ci/run installs it)");
        }
        this.socket = dir.resolve("tmux.sock");
    }

    /**
     * Starts {@code command} (shell words, quoted here) in a window {@code columns} by {@code rows}; when it ends the
     * shell prints {@link #DONE} and its status, then waits, so that the screen stays to be read.
     */
    public void start(int columns, int rows, List<String> command) throws IOException, InterruptedException {
        String line = ChildVmtool.shellLine(command) + "; echo " + DONE + " $?; sleep 600";
        startServer();
        run("new-session", "-d", "-x", Integer.toString(columns), "-y", Integer.toString(rows), line);
    }

    /** vmtool's command line in a child JVM of this JDK ({@link ChildVmtool}), with a small heap. */
    public static List<String> vmtool(String... args) {
        return ChildVmtool.command(List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:MaxDirectMemorySize=512m"),
                List.of(args));
    }

    /** The screen as it is now, one string per row (trailing blanks dropped by tmux). */
    public String screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p");
    }

    /** The screen as it is now with its colours and attributes as escape sequences (capture-pane -e). */
    public String screenWithColours() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-e");
    }

    /** The screen and everything scrolled off it, as the terminal shows it: a wrapped line is two rows. */
    public String history() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-S", "-");
    }

    /** The same with wrapped lines joined again (capture-pane -J): longer than the width where a line wrapped. */
    public String joinedHistory() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-J", "-S", "-");
    }

    /** Types {@code keys} as tmux names them, e.g. {@code C-c}. */
    public void sendKeys(String keys) throws IOException, InterruptedException {
        run("send-keys", keys);
    }

    /** Whether the terminal shows its cursor now (a full-screen program hides it while it draws). */
    public boolean cursorVisible() throws IOException, InterruptedException {
        return run("display-message", "-p", "#{cursor_flag}").trim().equals("1");
    }

    public void resize(int columns, int rows) throws IOException, InterruptedException {
        run("resize-window", "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** The screen once it shows {@code text}, within {@code seconds}. */
    public String await(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' on the screen within " + seconds + " s:\n" + screen);
    }

    /**
     * No line that was written is wider than {@code columns}: the history with wrapped lines joined again has as
     * many lines as the history shown (nothing wrapped), and none of its lines is longer.
     */
    public void assertNothingWrapped(int columns) throws IOException, InterruptedException {
        String joined = joinedHistory();
        for (String line : joined.split("\n")) {
            assertThat(line.stripTrailing().codePointCount(0, line.stripTrailing().length()))
                    .as("width of a line on a %d-column terminal:%n%s%nwhole history:%n%s", columns, line, joined)
                    .isLessThanOrEqualTo(columns);
        }
        // Counted, not compared: a line rewritten in place may change between the two captures.
        assertThat(strip(joined).split("\n")).as("the history, wrapped lines joined:%n%s", joined)
                .hasSameSizeAs(strip(history()).split("\n"));
    }

    /** Writes the screen's history to {@code file}, for people to read (target/terminal-captures). */
    public void save(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, strip(history()), StandardCharsets.UTF_8);
    }

    /**
     * The server, started here rather than daemonized by the first command: when this JVM dies (a killed test run)
     * it dies too, and with it its windows (their terminal hangs up), where a daemon and its 'sleep 600' lived on.
     */
    private void startServer() throws IOException, InterruptedException {
        if (server != null) {
            return;
        }
        server = DiesWithTheJvm.start(new ProcessBuilder("tmux", "-D", "-S", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
        for (int i = 0; i < 1000 && !Files.exists(socket); i++) {
            assertThat(server.isAlive()).as("the tmux server runs").isTrue();
            Thread.sleep(10);
        }
        assertThat(socket).as("the tmux server's socket").exists();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(10, TimeUnit.SECONDS);
        if (server != null && !server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    /** Each line without its trailing blanks, and no blank lines at the end. */
    private static String strip(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
        return out;
    }
}
