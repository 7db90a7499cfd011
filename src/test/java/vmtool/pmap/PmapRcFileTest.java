package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** rc files: -C FILE, -c (~/.pmaprc, from $HOME), -n and -N FILE (the template). */
@Tag("slow")
class PmapRcFileTest extends AgainstReferencePmap {
    private Path dir;

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("vmtool-rc-");
    }

    @AfterEach
    void removeDir() {
        Processes.deleteTree(dir);
    }

    static Stream<Arguments> rcFiles() {
        return Stream.of(
                Arguments.of("subset", "[Fields Display]\nRss\nPss\nMapping\n"),
                Arguments.of("every field", "[Fields Display]\nPerm\nOffset\nDevice\nInode\nSize\nRss\nPss\n"
                        + "Shared_Clean\nShared_Dirty\nPrivate_Clean\nPrivate_Dirty\nReferenced\nAnonymous\n"
                        + "AnonHugePages\nSwap\nKernelPageSize\nMMUPageSize\nLocked\nVmFlags\nMapping\n"),
                Arguments.of("ShowPath", "[Fields Display]\nPerm\nSize\n\n[Mapping]\nShowPath\n[Fields Display]\n"
                        + "Mapping\n"),
                Arguments.of("ShowPath twice toggles back", "[Mapping]\nShowPath\nShowPath\n[Fields Display]\n"
                        + "Mapping\nRss\n"),
                Arguments.of("comments", "# comment\n  [Fields Display]  # trailing\n\tRss # comment\n#Pss\n"
                        + "   \n\t\nSwap\nMapping\n"),
                Arguments.of("unknown section", "[Other]\nfoo bar\n[Fields Display]\nRss\nMapping\n"),
                Arguments.of("stray words", "Rss\n[Fields Display] junk\nRss Pss\nSize\n[Mapping]\n"
                        + "ShowPath extra\n[broken\nMapping\n"),
                Arguments.of("empty file", ""),
                Arguments.of("no Mapping field", "[Fields Display]\nSize\nRss\nLocked\n"),
                Arguments.of("unknown field name", "[Fields Display]\nFoo\nRss\nMapping\n"),
                Arguments.of("only fixed columns", "[Fields Display]\nPerm\nInode\nMapping\n"),
                Arguments.of("carriage returns", "[Fields Display]\r\nRss\r\nSize\nMapping\n"),
                Arguments.of("a line longer than 1024 bytes", "[Fields Display]\nRss\n# " + "x".repeat(1500)
                        + "\nSize\nMapping\n"),
                Arguments.of("no newline at the end", "[Fields Display]\nRss\nMapping"),
                Arguments.of("THPeligible and later keys", "[Fields Display]\nTHPeligible\nProtectionKey\nKSM\n"
                        + "Pss_Dirty\nMapping\n"));
    }

    @ParameterizedTest(name = "pmap -C FILE MAPPER: {0}")
    @MethodSource("rcFiles")
    void readRcFrom(String what, String content) throws IOException {
        Path rc = dir.resolve("rc");
        Files.writeString(rc, content, StandardCharsets.UTF_8);
        for (List<String> modifiers : List.of(List.<String>of(), List.of("-q"), List.of("-p"))) {
            List<String> args = new ArrayList<>(List.of("-C", rc.toString()));
            args.addAll(modifiers);
            args.add(mapper.pidArg());
            Differential.Pair pair = Differential.assertSame(args);
            assertSameWarnings(pair);
        }
    }

    static Stream<Arguments> rcFileBytes() {
        String x1020 = "x".repeat(1020);
        return Stream.of(
                Arguments.of("CRLF throughout", "[Fields Display]\r\nRss\r\nMapping\r\n"),
                Arguments.of("a NUL ends the line", "[Fields Display]\nRss\0junk\nSize\0\nMapping\n"),
                Arguments.of("a NUL first", "\0[Other]\n[Fields Display]\nRss\nMapping\n"),
                Arguments.of("a NUL inside a 1024-byte piece", "[Fields Display]\nRss\0" + x1020 + "Size\nMapping\n"),
                Arguments.of("lines of 1023, 1024, 1025 bytes", "[Fields Display]\n#" + "y".repeat(1022) + "\n#"
                        + "y".repeat(1023) + "\n#" + "y".repeat(1024) + "\nRss\nMapping\n"),
                Arguments.of("a too-long line then a NUL piece", "[Fields Display]\n#" + "z".repeat(1500) + "\0"
                        + "z".repeat(1500) + "\nRss\nMapping\n"),
                Arguments.of("odd whitespace", "[Fields Display]\n\u000bRss\n\fSize\n Pss\u00a0\n\tMapping \t\n"),
                Arguments.of("duplicate sections and fields", "[Fields Display]\nRss\n[Fields Display]\nRss\n"
                        + "[Mapping]\n[Mapping]\nShowPath\n[Fields Display]\nMapping\n"),
                Arguments.of("Latin-1 bytes", "[Fields Display]\nR\u00e9ss\n\u00e9\nRss\nMapping\n[\u00c9]\n"),
                Arguments.of("only newlines", "\n\n\n"),
                Arguments.of("a long token", "[Fields Display]\n" + "Referenced".repeat(5) + "\nRss\nMapping\n"),
                Arguments.of("no newline, long last line", "[Fields Display]\nRss\n" + "w".repeat(2000)));
    }

    /** The file as bytes (one char per byte), in the default mode and -q. */
    @ParameterizedTest(name = "pmap -C FILE MAPPER: {0}")
    @MethodSource("rcFileBytes")
    void readRcFromBytes(String what, String latin1) throws IOException {
        Path rc = dir.resolve("rc");
        Files.write(rc, latin1.getBytes(StandardCharsets.ISO_8859_1));
        for (List<String> modifiers : List.of(List.<String>of(), List.of("-q"))) {
            List<String> args = new ArrayList<>(List.of("-C", rc.toString()));
            args.addAll(modifiers);
            args.add(mapper.pidArg());
            assertSameWarnings(Differential.assertSame(args));
        }
    }

    /**
     * Files that are not rc files: a symlink to a readable file, a binary, /dev/null, a dangling symlink, a
     * directory (procps opens it and reads nothing: an empty rc file; vmtool says so on stderr). Warnings quote
     * at most a short escaped excerpt of a line, never the file.
     */
    @ParameterizedTest(name = "pmap -C {0} MAPPER")
    @MethodSource("otherFiles")
    void readRcFromOtherKindsOfFile(String what) throws IOException {
        Path rc = switch (what) {
            case "a symlink to /etc/passwd" -> Files.createSymbolicLink(dir.resolve("rc"), Path.of("/etc/passwd"));
            case "a binary" -> Files.copy(Path.of("/bin/true"), dir.resolve("rc"));
            case "/dev/null" -> Path.of("/dev/null");
            case "a dangling symlink" -> Files.createSymbolicLink(dir.resolve("rc"), dir.resolve("nowhere"));
            case "a directory" -> dir;
            default -> throw new IllegalArgumentException(what);
        };
        Differential.Pair pair = Differential.assertSame(List.of("-C", rc.toString(), mapper.pidArg()));
        if (what.equals("a directory")) {
            assertThat(pair.vmtool().errText()).hasLineCount(1).contains("is a directory, read as an empty rc file");
        } else if (pair.pmap().status() == 0) {
            assertSameWarnings(pair);
        } else {
            assertOneErrorLine(pair.vmtool());
        }
        assertThat(pair.vmtool().errText().lines()).allSatisfy(line -> assertThat(line)
                .doesNotContain("root:x:0:0:root:/root", "\u007f").hasSizeLessThan(200));
    }

    static Stream<String> otherFiles() {
        return Stream.of("a symlink to /etc/passwd", "a binary", "/dev/null", "a dangling symlink", "a directory");
    }

    /** A FIFO: both block in open until a writer comes; here a writer gives them an rc file, then closes. */
    @Test
    void readRcFromAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(Processes.runToEnd(List.of("mkfifo", fifo.toString()), Map.of(), null).status()).isZero();
        List<RunResult> results = new ArrayList<>();
        for (boolean vmtool : new boolean[] {false, true}) {
            Process writer = new ProcessBuilder("sh", "-c", "printf '[Fields Display]\\nRss\\nMapping\\n' > \"$1\"",
                    "sh", fifo.toString()).start();
            try {
                List<String> args = List.of("-C", fifo.toString(), mapper.pidArg());
                results.add(vmtool ? VmtoolRunner.inProcess(args) : ReferencePmap.run(args));
                assertThat(writer.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } finally {
                Processes.kill(writer);
            }
        }
        assertThat(results.get(1).sameAs(results.get(0)))
                .withFailMessage(() -> Outputs.describe(List.of("-C", "FIFO"), results.get(0), results.get(1))).isTrue();
    }

    /**
     * Larger than a Java array: procps reads any size with fgets; vmtool reads line by line too (a sparse file of
     * NULs, so it costs no disk).
     */
    @Test
    void readRcFromAFileOver2GiB() throws IOException {
        Path big = dir.resolve("big");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength((1L << 31) + 4096);
        }
        List<String> args = List.of("-C", big.toString(), "-q", mapper.pidArg());
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
    }

    @Test
    void readRcFromLongOption() throws IOException {
        Path rc = dir.resolve("rc");
        Files.writeString(rc, "[Fields Display]\nRss\nMapping\n");
        Differential.assertSame(List.of("--read-rc-from=" + rc, mapper.pidArg()));
        Differential.assertSame(List.of("--read-rc-from", rc.toString(), "-q", mapper.pidArg()));
    }

    /** pmap warns about rc lines on stderr; vmtool must warn about the same lines (its own words). */
    private static void assertSameWarnings(Differential.Pair pair) {
        List<String> pmapLines = pair.pmap().errText().lines().toList();
        List<String> vmtoolLines = pair.vmtool().errText().lines().toList();
        assertThat(vmtoolLines).as("vmtool's warnings against pmap's:\n" + String.join("\n", pmapLines))
                .hasSameSizeAs(pmapLines);
        assertThat(lineNumbers(vmtoolLines)).as("the rc lines warned about").isEqualTo(lineNumbers(pmapLines));
        assertThat(vmtoolLines).allMatch(line -> line.startsWith("vmtool pmap:"));
    }

    private static List<String> lineNumbers(List<String> warnings) {
        List<String> numbers = new ArrayList<>();
        Pattern number = Pattern.compile("line (\\d+)");
        for (String warning : warnings) {
            Matcher matcher = number.matcher(warning);
            numbers.add(matcher.find() ? matcher.group(1) : "-");
        }
        return numbers;
    }

    // ---- -c: ~/.pmaprc, found through $HOME: vmtool runs in a child JVM with HOME set ----

    private RunResult pmapWithHome(Path home, List<String> args) {
        return ReferencePmap.run(args, Map.of("HOME", home.toString()), home);
    }

    private RunResult vmtoolWithHome(Path home, List<String> args) {
        return VmtoolRunner.childJvm(List.of(), Map.of("HOME", home.toString()), home, args);
    }

    private void assertSameWithHome(Path home, List<String> args) {
        for (int attempt = 0; attempt < 3; attempt++) {
            RunResult before = pmapWithHome(home, args);
            RunResult vmtool = vmtoolWithHome(home, args);
            RunResult after = pmapWithHome(home, args);
            if (before.sameAs(after)) {
                assertThat(vmtool.sameAs(before)).withFailMessage(() -> "HOME=" + home + "\n"
                        + Outputs.describe(args, before, vmtool)).isTrue();
                return;
            }
        }
        Assumptions.abort("pmap's output did not settle");
    }

    @Test
    void readRcFromHome() throws IOException {
        Files.writeString(dir.resolve(".pmaprc"), "[Fields Display]\nRss\nSwap\nMapping\n[Mapping]\nShowPath\n");
        assertSameWithHome(dir, List.of("-c", mapper.pidArg()));
        assertSameWithHome(dir, List.of("--read-rc", "-q", mapper.pidArg()));
    }

    @Test
    void readRcFromHomeWhenThereIsNone() {
        assertSameWithHome(dir, List.of("-c", mapper.pidArg()));
    }

    // ---- -n / -N: the template ----

    @Test
    void createRcTo() throws IOException {
        Path byPmap = dir.resolve("pmap.rc");
        Path byVmtool = dir.resolve("vmtool.rc");
        RunResult pmap = ReferencePmap.run(List.of("-N", byPmap.toString()));
        RunResult vmtool = VmtoolRunner.inProcess(List.of("-N", byVmtool.toString()));
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(List.of("-N", "FILE"), pmap, vmtool))
                .isTrue();
        assertThat(byVmtool).exists();
        assertThat(Files.readAllBytes(byVmtool)).as("the template, against pmap's\n"
                + Outputs.diff(Files.readAllBytes(byPmap), Files.readAllBytes(byVmtool)))
                .isEqualTo(Files.readAllBytes(byPmap));

        // Both refuse to overwrite, with the same status, and leave the file as it was.
        Files.writeString(byPmap, "mine\n");
        Files.writeString(byVmtool, "mine\n");
        RunResult pmapAgain = ReferencePmap.run(List.of("--create-rc-to=" + byPmap));
        RunResult vmtoolAgain = VmtoolRunner.inProcess(List.of("--create-rc-to=" + byVmtool));
        assertThat(vmtoolAgain.sameAs(pmapAgain))
                .withFailMessage(() -> Outputs.describe(List.of("-N", "EXISTING"), pmapAgain, vmtoolAgain)).isTrue();
        assertThat(pmapAgain.status()).isNotZero();
        assertThat(byVmtool).hasContent("mine");
        assertOneErrorLine(vmtoolAgain);
    }

    @Test
    void createRcInHome() throws IOException {
        Path pmapHome = Files.createDirectory(dir.resolve("pmap-home"));
        Path vmtoolHome = Files.createDirectory(dir.resolve("vmtool-home"));
        RunResult pmap = pmapWithHome(pmapHome, List.of("-n"));
        RunResult vmtool = vmtoolWithHome(vmtoolHome, List.of("--create-rc"));
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(List.of("-n"), pmap, vmtool)).isTrue();
        assertThat(vmtoolHome.resolve(".pmaprc")).exists();
        assertThat(Files.readAllBytes(vmtoolHome.resolve(".pmaprc")))
                .isEqualTo(Files.readAllBytes(pmapHome.resolve(".pmaprc")));

        RunResult pmapAgain = pmapWithHome(pmapHome, List.of("-n"));
        RunResult vmtoolAgain = vmtoolWithHome(vmtoolHome, List.of("-n"));
        assertThat(vmtoolAgain.sameAs(pmapAgain))
                .withFailMessage(() -> Outputs.describe(List.of("-n", "(exists)"), pmapAgain, vmtoolAgain)).isTrue();
        assertThat(pmapAgain.status()).isNotZero();
        assertOneErrorLine(vmtoolAgain);

        // And the template it wrote is one pmap -c reads: the same output from both.
        assertSameWithHome(pmapHome, List.of("-c", mapper.pidArg()));
    }

    @Test
    void createRcToAnUnwritablePlace() {
        List<String> args = List.of("-N", dir.resolve("no/such/dir/rc").toString());
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
        assertOneErrorLine(vmtool);
    }

    static void assertOneErrorLine(RunResult vmtool) {
        assertThat(vmtool.errText()).as("vmtool's stderr").hasLineCount(1).startsWith("vmtool pmap:")
                .doesNotContain("Exception", "\tat ");
    }
}
