package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmtool.ChildLines;
import vmtool.ChildVmtool;
import vmtool.DiesWithTheJvm;
import vmtool.Tmux;

/**
 * {@code vmtool watch} in a child JVM on a process of the test's own: the plain blocks of a pipe, --count, the end
 * when the process exits, SIGINT; and on a real terminal (tmux), the screen redrawn in place while
 * {@code vmtool touch} faults its buffer in.
 */
@Tag("slow")
class WatchProcessTest {
    private static final Pattern TOTAL = Pattern.compile("(?m)^total\\s+(\\d+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(\\d+)");
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** A child watch whose stdout lines arrive in a queue; killed at the end of the test. */
    private final class Watcher {
        final Process process;
        final ChildLines lines;

        Watcher(String... args) throws IOException {
            process = new ProcessBuilder(Tmux.vmtool(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            cleanup.add(() -> {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            });
            lines = new ChildLines(process.getInputStream());
        }

        /** Waits for a line that contains this; fails after 60 s. */
        String await(String text) throws InterruptedException {
            String line = lines.await(candidate -> candidate.contains(text), Duration.ofSeconds(60));
            if (line == null) {
                throw new AssertionError("no line with '" + text + "' in:\n" + seen());
            }
            return line;
        }

        /** Every line it has written so far, each followed by a newline. */
        String seen() {
            StringBuilder text = new StringBuilder();
            for (String line : lines.all()) {
                text.append(line).append('\n');
            }
            return text.toString();
        }

        int exitStatus() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("watch ended").isTrue();
            return process.exitValue();
        }
    }

    private DifferHelper helper() throws Exception {
        DifferHelper helper = DifferHelper.start();
        cleanup.add(helper);
        return helper;
    }

    @Test
    void aPipeGetsPlainBlocksThenTheProcessExitEndsIt() throws Exception {
        DifferHelper helper = helper();
        Watcher watch = new Watcher("watch", "--interval", "0.2", Long.toString(helper.pid()));
        String first = watch.await("refresh 1 every 0.2 s");
        assertThat(first).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  pid " + helper.pid()
                + " \\(differ\\)  refresh 1 every 0.2 s");
        watch.await("KIND");
        helper.step();
        String appeared = watch.await("appeared since the last refresh: 1");
        String addedLine = watch.await("+ 0x");
        assertThat(addedLine).startsWith("  + 0x" + Long.toHexString(helper.region("added")[0]) + "-");
        watch.await("vanished since the last refresh: 1");
        String vanishedLine = watch.await("- 0x");
        assertThat(vanishedLine).startsWith("  - 0x" + Long.toHexString(helper.region("removed")[0]) + "-");
        assertThat(appeared).isNotNull();
        helper.close();
        watch.await("process " + helper.pid() + " exited");
        assertThat(watch.exitStatus()).isZero();
        assertThat(watch.seen()).doesNotContain("\u001b");
    }

    @Test
    void countEndsItWithStatusZero() throws Exception {
        DifferHelper helper = helper();
        Watcher watch = new Watcher("watch", "--count", "3", "--interval", "0.1", Long.toString(helper.pid()));
        assertThat(watch.exitStatus()).isZero();
        String out = watch.seen();
        assertThat(Pattern.compile("(?m)^\\d{4}-.* refresh \\d of 3 every 0.1 s$").matcher(out).results().count())
                .as(out).isEqualTo(3);
        assertThat(out).contains("refresh 3 of 3").doesNotContain("refresh 4");
    }

    @Test
    void sigintEndsItWith130() throws Exception {
        DifferHelper helper = helper();
        Watcher watch = new Watcher("watch", "--interval", "0.2", Long.toString(helper.pid()));
        watch.await("refresh 2");
        new ProcessBuilder("kill", "-INT", Long.toString(watch.process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(watch.exitStatus()).isEqualTo(130);
        assertThat(helper.process().isAlive()).as("the watched process is only watched").isTrue();
    }

    @Test
    void sigtermEndsItWith143() throws Exception {
        DifferHelper helper = helper();
        Watcher watch = new Watcher("watch", "--interval", "0.2", Long.toString(helper.pid()));
        watch.await("refresh 1");
        new ProcessBuilder("kill", "-TERM", Long.toString(watch.process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(watch.exitStatus()).isEqualTo(143);
    }

    @Test
    void badInputAndAMissingProcess() {
        CommandRun none = CommandRun.of("watch");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("vmtool watch: a PID is missing: give a process id, e.g. 'vmtool watch"
                + " 1234' (see 'vmtool watch --help')\n");
        CommandRun interval = CommandRun.of("watch", "--interval", "0", "1");
        assertThat(interval.status()).isEqualTo(2);
        assertThat(interval.err()).contains("--interval S must be a number of seconds from 0.1").hasLineCount(1);
        assertThat(CommandRun.of("watch", "--count", "-1", "1").status()).isEqualTo(2);
        assertThat(CommandRun.of("watch", "--interval", "NaN", "1").status()).isEqualTo(2);
        assertThat(CommandRun.of("watch", "abc").status()).isEqualTo(2);
        CommandRun missing = CommandRun.of("watch", "--count", "1", "2147483646");
        assertThat(missing.status()).isEqualTo(4);
        assertThat(missing.err()).startsWith("vmtool watch: no process with PID 2147483646").hasLineCount(1);
        assertThat(missing.out()).isEmpty();
    }

    /**
     * On a real terminal: a shell that waits, then execs {@code vmtool touch 200} (the pid stays): the watch
     * shows the shell's small Rss, then the JVM's with its 200 MiB buffer faulted in, on one screen redrawn in
     * place; the cursor is hidden while it draws and shown again after Ctrl-C, which ends it with 130.
     */
    @Test
    void onATerminalTheScreenIsRedrawnAndRssGrows() throws Exception {
        List<String> touch = Tmux.vmtool("touch", "200", "--seconds", "30", "--quiet");
        // A fifo holds the shell until the test opens it for writing.
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        List<String> shell = new ArrayList<>(List.of("sh", "-c", "read line < \"$0\"; exec \"$@\"",
                fifo.toString()));
        shell.addAll(touch);
        Process touching = DiesWithTheJvm.start(new ProcessBuilder(shell).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        cleanup.add(() -> {
            touching.destroyForcibly();
            touching.waitFor(10, TimeUnit.SECONDS);
        });
        Path status = dir.resolve("status");
        String watchCommand = ChildVmtool.shellLine(Tmux.vmtool("watch", "--interval", "0.3",
                Long.toString(touching.pid()))) + "; echo $? > " + status;
        Tmux tmux = new Tmux(dir);
        cleanup.add(tmux);
        // The shell traps SIGINT (a trap, unlike an ignored signal, is not inherited) to live on and write watch's
        // status.
        tmux.start(140, 50, List.of("sh", "-c", "trap true INT; " + watchCommand + "; sleep 30"));

        String before = tmux.await("refresh 2", 60);
        assertThat(before).startsWith("vmtool watch: pid " + touching.pid() + " (sh)");
        assertThat(before).contains("(Ctrl-C stops)");
        assertThat(tmux.cursorVisible()).as("cursor hidden while watching").isFalse();
        long rssBefore = totalRss(before);
        for (int i = 0; rssBefore < 0 && i < 100; i++) {
            Thread.sleep(100);
            rssBefore = totalRss(tmux.screen());
        }
        assertThat(rssBefore).as(before).isPositive();

        Files.writeString(fifo, "go\n");
        String after = tmux.await(" (java)  refresh", 60);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (totalRss(after) < rssBefore + 200 * 1024 && System.nanoTime() < deadline) {
            Thread.sleep(300);
            after = tmux.screen();
        }
        assertThat(totalRss(after)).as("%s%nwatch's status: %s", after,
                Files.exists(status) ? Files.readString(status) : "running").isGreaterThan(rssBefore + 200 * 1024);
        // One screen: the title is on the first line, and only once.
        assertThat(after.split("vmtool watch: pid", -1)).hasSize(2);

        tmux.sendKeys("C-c");
        long statusDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(status) && Files.size(status) > 0) && System.nanoTime() < statusDeadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(status).trim()).isEqualTo("130");
        assertThat(tmux.cursorVisible()).as("cursor shown again").isTrue();
        assertThat(tmux.screen()).as("the terminal's echo of Ctrl-C, erased").doesNotContain("^C");
    }

    /** The total row's RSS_KB; -1 when the capture caught the screen between two frames, without it. */
    private static long totalRss(String screen) {
        Matcher matcher = TOTAL.matcher(screen);
        return matcher.find() ? Long.parseLong(matcher.group(3)) : -1;
    }
}
