package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ChildRun;
import vmtool.ChildVmtool;

import vmtool.DiesWithTheJvm;

/**
 * What {@code --file} reads, as users give it: a FIFO, a pipe as /dev/stdin, the shell's process substitution,
 * standard input closed, inputs far too large for a saved file, a name the locale cannot hold; and a process that
 * has exited. Each runs vmtool in a JVM of its own, started by bash (the shell makes the pipes, the FIFO's writer
 * and the closed descriptor), with the launcher's small heap, on the JDK that runs the tests.
 */
@Tag("slow")
class SavedFileInputTest {
    @TempDir
    static Path dir;
    private static Path saved;
    private static String expectedX;

    /** One run: its status, stdout and stderr. */

    @BeforeAll
    static void save() throws IOException {
        saved = dir.resolve("saved.smaps");
        try (InputStream in = new FileInputStream("/proc/self/smaps")) {
            Files.write(saved, in.readAllBytes());
        }
        CommandRun run = CommandRun.of("pmap", "-X", "--file", saved.toString());
        assertThat(run.status()).as(run.err()).isZero();
        expectedX = run.out().substring(run.out().indexOf('\n') + 1); // the header line names the file
    }

    @Test
    @Timeout(120)
    void aFifoWithAWriterIsReadAsAStream() throws Exception {
        ChildRun run = shell("mkfifo fifo && { cat saved.smaps > fifo & } && vmtool pmap -X --file fifo;"
                + " s=$?; wait; exit $s");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(withoutHeader(run.out())).isEqualTo(expectedX);
    }

    @Test
    @Timeout(120)
    void devStdinFromAPipeIsReadAsAStream() throws Exception {
        ChildRun run = shell("cat saved.smaps | vmtool pmap -X --file /dev/stdin");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(withoutHeader(run.out())).isEqualTo(expectedX);
    }

    @Test
    @Timeout(120)
    void diffReadsTwoProcessSubstitutions() throws Exception {
        ChildRun run = shell("vmtool diff <(cat saved.smaps) <(cat saved.smaps)");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).as("the same file twice: no difference").isZero();
    }

    @Test
    @Timeout(120)
    void closedStandardInputIsOneLine() throws Exception {
        for (String command : List.of("pmap -X", "anatomy")) {
            ChildRun run = shell("vmtool " + command + " --file - 0<&-");
            assertThat(run.out()).as(command).isEmpty();
            assertThat(run.status()).as(command).isNotZero();
            assertThat(run.err()).as(command).hasLineCount(1)
                    .contains("cannot read standard input: it is closed").doesNotContain("line 1");
        }
    }

    @Test
    @Timeout(120)
    void aSparseTwoGigabyteFileIsRefusedBeforeItIsRead() throws Exception {
        ChildRun run = shell("truncate -s 2G big && vmtool pmap --file big");
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vmtool pmap: big is larger than 256 MiB, the most vmtool reads from a saved"
                + " file (a saved smaps of 65,530 mappings is about 60 MiB); is it a saved smaps, maps or snapshot?\n");
    }

    @Test
    @Timeout(120)
    void devZeroAndOneHundredMegabyteLineAreOneLineAboutTheInput() throws Exception {
        ChildRun zero = shell("vmtool pmap --file /dev/zero");
        assertThat(zero.out()).isEmpty();
        assertThat(zero.status()).isEqualTo(1);
        assertThat(zero.err()).hasLineCount(1)
                .startsWith("vmtool pmap: /dev/zero: line 1: the line is longer than 65536 bytes");
        ChildRun line = shell("head -c 100000000 /dev/zero | tr '\\0' 0 > line && echo >> line"
                + " && vmtool anatomy --file line");
        assertThat(line.out()).isEmpty();
        assertThat(line.status()).isEqualTo(4);
        assertThat(line.err()).hasLineCount(1)
                .startsWith("vmtool anatomy: line: line 1: the line is longer than 65536 bytes");
        ChildRun json = shell("{ printf '{\"format\":\"'; head -c 100000000 /dev/zero | tr '\\0' x; printf '\"}'; } > json"
                + " && vmtool pmap --file json");
        assertThat(json.out()).isEmpty();
        assertThat(json.status()).isEqualTo(1);
        assertThat(json.err()).hasLineCount(1).startsWith("vmtool pmap: json: line 1: ")
                .contains("String value length").doesNotContain("out of memory");
    }

    /** Without a locale Java's file names are ASCII: a name it cannot hold is said, not an internal error. */
    @Test
    @Timeout(120)
    void aNameTheLocaleCannotHoldIsOneClearLine() throws Exception {
        ChildRun run = shell("cp saved.smaps caf$'\\xc3\\xa9'.smaps && unset LANG LC_ALL LC_CTYPE &&"
                + " vmtool pmap --file caf$'\\xc3\\xa9'.smaps");
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1).startsWith("vmtool pmap: cannot use the file name 'caf")
                .contains("locale's encoding (ANSI_X3.4-1968)").doesNotContain("internal error");
    }

    /** An argument that is not UTF-8 reaches Java as U+FFFD: the missing file is said with the reason. */
    @Test
    @Timeout(120)
    void aNameThatIsNotUtf8SaysWhyItIsMissing() throws Exception {
        ChildRun run = shell("cp saved.smaps bad$'\\xff'.smaps && LC_ALL=C.UTF-8 vmtool pmap --file bad$'\\xff'.smaps");
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1).contains(": no such file (its name has bytes that are not valid UTF-8")
                .contains("--file - < FILE");
    }

    /**
     * A zombie's smaps reads as empty, without an error, as that of a process that exits while it is read ends
     * early: pmap prints what procps prints, with its status, and says on stderr that the process has exited; so
     * do the other commands. (A process that exits in the middle of a read cannot be timed reliably; a zombie is
     * the same kernel path from its first byte.)
     */
    @Test
    @Timeout(120)
    void aProcessThatHasExitedIsSaidOnStderr() throws Exception {
        // The child ends only when the test writes a line, after its parent has become sleep, which never reaps it.
        // (A child that ended by itself could end while its parent was still bash, which reaped it: no zombie.) It
        // reads the pipe as descriptor 3: a background command's standard input is /dev/null.
        Process parent = DiesWithTheJvm.start(new ProcessBuilder("bash", "-c",
                "exec 3<&0; { read -r _ <&3; } & echo $!; exec sleep 60 3<&-").redirectErrorStream(true));
        try {
            String zombie = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            Path parentComm = Path.of("/proc", Long.toString(parent.pid()), "comm");
            long execDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(parentComm).equals("sleep\n") && System.nanoTime() < execDeadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readString(parentComm)).isEqualTo("sleep\n");
            parent.getOutputStream().write('\n');
            parent.getOutputStream().flush();
            Path stat = Path.of("/proc", zombie, "stat");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(stat).contains(") Z ") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.readString(stat)).contains(") Z ");
            Process procps = new ProcessBuilder("/usr/bin/pmap", zombie).start();
            String procpsOut = new String(procps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(procps.waitFor()).isZero();

            CommandRun pmap = CommandRun.of("pmap", zombie);
            assertThat(pmap.status()).isZero();
            assertThat(pmap.out()).isEqualTo(procpsOut);
            String note = "process " + zombie + " exited while its mappings were read (or before): what is shown"
                    + " may lack some\n";
            assertThat(pmap.err()).isEqualTo("vmtool pmap: " + note);
            for (String command : List.of("anatomy", "map")) {
                CommandRun run = CommandRun.of(command, zombie);
                assertThat(run.status()).as(command).isZero();
                assertThat(run.err()).as(command).isEqualTo("vmtool " + command + ": " + note);
            }
        } finally {
            parent.destroyForcibly();
            parent.waitFor();
        }
    }

    /** A saved smaps with CRLF line ends reads exactly as the file it was made from: [heap] and [stack] too. */
    @Test
    void crlfLineEndsReadAsLf() throws IOException {
        Path crlf = Files.createDirectories(dir.resolve("crlf")).resolve("saved.smaps");
        Files.write(crlf, Files.readString(saved, StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (List<String> command : List.of(List.of("pmap", "-X"), List.of("pmap", "-XX"), List.of("anatomy"),
                List.of("pmap", "--csv"))) {
            CommandRun lf = run(command, saved);
            CommandRun fromCrlf = run(command, crlf);
            assertThat(fromCrlf.err()).as("%s", command).isEmpty();
            assertThat(fromCrlf.status()).as("%s", command).isZero();
            assertThat(fromCrlf.out().replace(crlf.toString(), saved.toString())).as("%s", command)
                    .isEqualTo(lf.out()).contains("stack");
        }
    }

    private static CommandRun run(List<String> command, Path file) {
        List<String> args = new ArrayList<>(command);
        args.add("--file");
        args.add(file.toString());
        return CommandRun.of(args.toArray(new String[0]));
    }

    private static String withoutHeader(String out) {
        return out.substring(out.indexOf('\n') + 1);
    }

    /**
     * Runs {@code command} with bash in the test's directory, where {@code vmtool} runs vmtool.Main on this JDK with
     * the launcher's heap for pmap (scripts/vmtool), so that an input that is not bounded runs out of it.
     */
    static ChildRun shell(String command) throws IOException, InterruptedException {
        String vmtool = ChildVmtool.shellLine(ChildVmtool.command(List.of("-Xmn8m", "-Xmx48m"), List.of()));
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "vmtool() { " + vmtool + " \"$@\"; }; " + command)
                .directory(dir.toFile());
        return ChildRun.of(builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start(),
                100);
    }
}
