package vmtool.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.ExitCode;
import vmtool.ChildRun;
import vmtool.ChildVmtool;
import vmtool.Unprivileged;
import vmtool.cli.CommandLineFactory;

/**
 * Output files as root, attacked as docs/map.md's "Files" says they cannot be: links, files and FIFOs that the
 * unprivileged user plants in a sticky world-writable directory (a private /tmp: root's, mode 1777) or in its own
 * directory; a device node; {@code /dev/stdout} and {@code /dev/stderr} appended to a log and into a pipe; a FIFO
 * with a reader. Each attack names a root-owned file, or a root-only directory, that must be left as it was.
 */
@Timeout(120)
@Tag("slow")
class OutputSafetyTest {
    private static final String SMAPS = Path.of("src/test/resources/smaps/homework-memory-user.smaps")
            .toAbsolutePath().toString();

    private Path base;
    private Path sticky;
    private Path rootOnly;
    private Path secret;

    @BeforeEach
    void makeDirectories() throws IOException {
        Unprivileged.account();
        base = Files.createTempDirectory("vmtool-output-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        sticky = Files.createDirectory(base.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        rootOnly = Files.createDirectory(base.resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        secret = Files.writeString(rootOnly.resolve("secret"), "root's own\n");
    }

    @AfterEach
    void removeDirectories() throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    record Run(int status, String out, String err) {
    }

    private static Run vmtool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code command} as the unprivileged user, which must succeed. */
    private static void asUser(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Unprivileged.command(List.of(command))).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static Object inode(Path path) throws IOException {
        return Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertRefused(Run run, String... reason) {
        assertThat(run.status()).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(run.err()).startsWith("vmtool map: cannot write ").contains(reason).doesNotContain("Exception");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aLinkThatAnotherUserPlantedInAStickyDirectoryIsNotFollowed() throws Exception {
        Path link = sticky.resolve("map.html");
        asUser("ln", "-s", secret.toString(), link.toString());
        Object inode = inode(secret);

        assertRefused(vmtool("map", "--file", SMAPS, "--html", link.toString()),
                link + " belongs to " + Unprivileged.USER);

        assertThat(secret).hasContent("root's own");
        assertThat(inode(secret)).isEqualTo(inode);
        assertThat(names(rootOnly)).containsExactly("secret");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(secret);
    }

    @Test
    void aDanglingLinkThatAnotherUserPlantedCreatesNothing() throws Exception {
        Path link = sticky.resolve("map.svg");
        asUser("ln", "-s", rootOnly.resolve("cron-job").toString(), link.toString());

        assertRefused(vmtool("map", "--file", SMAPS, "--svg", link.toString()), "belongs to " + Unprivileged.USER);
        assertThat(names(rootOnly)).containsExactly("secret");

        // pmap -N (create an rc file) follows the same rules; procps's status 1, vmtool's one line.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(new String[] {"pmap", "-N", link.toString()}, out, err);
        assertThat(status).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("vmtool pmap: cannot create the rc file")
                .contains("belongs to " + Unprivileged.USER).hasLineCount(1);
        assertThat(names(rootOnly)).containsExactly("secret");
    }

    @Test
    void aFileOrFifoThatAnotherUserMadeInAStickyDirectoryIsLeftAlone() throws Exception {
        Path theirs = sticky.resolve("theirs.html");
        asUser("sh", "-c", "echo mine > \"$1\"", "sh", theirs.toString());
        Object inode = inode(theirs);
        assertRefused(vmtool("map", "--file", SMAPS, "--html", theirs.toString()), "belongs to " + Unprivileged.USER);
        assertThat(theirs).hasContent("mine");
        assertThat(inode(theirs)).isEqualTo(inode);

        Path fifo = sticky.resolve("fifo");
        asUser("mkfifo", fifo.toString());
        assertRefused(vmtool("map", "--file", SMAPS, "--svg", fifo.toString()), "belongs to " + Unprivileged.USER);
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.getOwner(fifo, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo(Unprivileged.USER);
    }

    @Test
    void aDirectoryThatAnotherUserOwnsIsNotWrittenInto() throws Exception {
        Path theirs = Unprivileged.ownedDirectory(base, "home-");
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path map = theirs.resolve("map.html");

        assertRefused(vmtool("map", "--file", SMAPS, "--html", map.toString()),
                theirs + " belongs to " + Unprivileged.USER + ", who could redirect the file");
        assertThat(names(theirs)).isEmpty();

        // Nor a directory of root's that others may write and that is not sticky.
        Path shared = Files.createDirectory(base.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        assertRefused(vmtool("map", "--file", SMAPS, "--svg", shared.resolve("map.svg").toString()),
                "can be changed by others (mode 0777)");
        assertThat(names(shared)).isEmpty();
    }

    /** What the rules are for: links root made, in root's directories and in /tmp, are still written through. */
    @Test
    void aLinkThatRootMadeIsWrittenThrough() throws Exception {
        Path real = Files.writeString(rootOnly.resolve("real.svg"), "old");
        Path link = Files.createSymbolicLink(rootOnly.resolve("link.svg"), real.getFileName());
        assertThat(vmtool("map", "--file", SMAPS, "--svg", link.toString()).status()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("<?xml").endsWith("</svg>\n");

        Path inSticky = Files.createSymbolicLink(sticky.resolve("map.html"), rootOnly.resolve("new.html"));
        assertThat(vmtool("map", "--file", SMAPS, "--html", inSticky.toString()).status()).isZero();
        assertThat(Files.readString(rootOnly.resolve("new.html"))).startsWith("<!DOCTYPE html>");
        assertThat(Files.getPosixFilePermissions(rootOnly.resolve("new.html")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(names(rootOnly)).containsExactly("link.svg", "new.html", "real.svg", "secret");
        assertThat(names(sticky)).containsExactly("map.html");
    }

    /** A device node like /dev/null (major 1, minor 3), made here: still that device afterwards. */
    @Test
    void aDeviceIsWrittenInPlaceNotReplaced() throws Exception {
        Path device = base.resolve("null");
        Process mknod = new ProcessBuilder("mknod", "-m", "666", device.toString(), "c", "1", "3").start();
        assertThat(mknod.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mknod.exitValue()).isZero();
        Object rdev = Files.getAttribute(device, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        Object inode = inode(device);

        Run run = vmtool("map", "--file", SMAPS, "--html", device.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.getAttribute(device, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0020666);
        assertThat(Files.getAttribute(device, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(rdev);
        assertThat(inode(device)).isEqualTo(inode);
        assertThat(names(base)).containsExactly("null", "root-only", "sticky");
    }

    /** A FIFO with a reader on the other end: the reader gets the picture, and the FIFO stays a FIFO. */
    @Test
    void aFifoIsWrittenInPlaceNotReplaced() throws Exception {
        Path fifo = base.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path received = base.resolve("received");
        Process reader = new ProcessBuilder("cat", fifo.toString()).redirectOutput(received.toFile()).start();
        try {
            Run run = vmtool("map", "--file", SMAPS, "--svg", fifo.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(reader.waitFor(20, TimeUnit.SECONDS)).as("the reader saw the end of the picture").isTrue();
        } finally {
            reader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(received)).startsWith("<?xml").endsWith("</svg>\n");
        assertThat((Integer) Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                .isEqualTo(0010000);
    }

    /**
     * A write that fails halfway (a 8 KiB tmpfs fills up under a page of more than that): status 74 with the
     * system's words, the old file as it was, no temporary file left.
     */
    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path small = Files.createDirectory(base.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8k,mode=0700", "vmtool-test", small
                .toString()).redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(mount.exitValue() == 0, "cannot mount a tmpfs here: " + why);
        try {
            Path keep = Files.writeString(small.resolve("keep.html"), "old");
            Run run = vmtool("map", "--file", SMAPS, "--html", keep.toString());
            assertThat(run.status()).isEqualTo(ExitCode.OUTPUT_ERROR);
            assertThat(run.err()).isEqualTo("vmtool map: cannot write " + keep + ": No space left on device\n");
            assertThat(keep).hasContent("old");
            assertThat(names(small)).containsExactly("keep.html");
        } finally {
            Process umount = new ProcessBuilder("umount", small.toString()).start();
            assertThat(umount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** /dev/stdout into a log opened for appending keeps the log's earlier lines; /dev/stderr too. */
    @Test
    void devStdoutAndStderrAppendToALog() throws Exception {
        Path log = Files.writeString(base.resolve("app.log"), "an earlier line\n");
        ChildRun child = child(" --svg /dev/stdout >> \"$1\"", log);
        assertThat(child.status()).as(child.err()).isZero();
        String text = Files.readString(log);
        assertThat(text).startsWith("an earlier line\n<?xml").endsWith("</svg>\n");

        Path errors = Files.writeString(base.resolve("errors.log"), "an earlier error\n");
        ChildRun toStderr = child(" --svg /dev/stderr 2>> \"$1\"", errors);
        assertThat(toStderr.status()).isZero();
        assertThat(Files.readString(errors)).startsWith("an earlier error\n<?xml").endsWith("</svg>\n");
        assertThat(names(base)).containsExactly("app.log", "errors.log", "root-only", "sticky");
    }

    /** /dev/stdout into a pipe (vmtool's standard output is the test's pipe). */
    @Test
    void devStdoutIntoAPipe() throws Exception {
        ChildRun child = child(" --html /dev/stdout", base);
        assertThat(child.status()).as(child.err()).isZero();
        assertThat(child.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }


    /**
     * SIGTERM or SIGINT once the temporary file is there (seen through inotify, the JDK's WatchService): the JVM's
     * shutdown removes it, and the old file stays. A map of 200 000 mappings gives a 16 MB page, written for long
     * enough to be interrupted.
     */
    @Test
    void aSignalWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path maps = base.resolve("big.maps");
        StringBuilder lines = new StringBuilder();
        for (long i = 0, start = 0x10000000L; i < 200_000; i++, start += 0x2000) {
            lines.append(Long.toHexString(start)).append('-').append(Long.toHexString(start + 0x1000))
                    .append(" rw-p 00000000 00:00 0 \n");
        }
        Files.writeString(maps, lines);
        Path out = Files.createDirectory(base.resolve("out"));
        Path html = Files.writeString(out.resolve("map.html"), "old");
        for (String signal : List.of("TERM", "INT")) {
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                out.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                List<String> command = ChildVmtool.command("map", "--file", maps.toString(), "--html",
                        html.toString());
                Process vmtool = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    assertThat(watch.poll(60, TimeUnit.SECONDS)).as("the temporary file appeared").isNotNull();
                    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(vmtool.pid())).start();
                    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(vmtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
                } finally {
                    vmtool.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                assertThat(vmtool.exitValue()).as("SIG" + signal + " ended it before the rename")
                        .isEqualTo(signal.equals("TERM") ? 143 : 130);
            }
            assertThat(html).hasContent("old");
            assertThat(names(out)).as("after SIG" + signal).containsExactly("map.html");
        }
    }

    /** vmtool map in a JVM of its own, through {@code sh -c}, so that the shell does the redirection. */
    private static ChildRun child(String outputAndRedirection, Path argument) throws Exception {
        String script = "exec " + ChildVmtool.shellLine(ChildVmtool.command("map", "--file", SMAPS))
                + outputAndRedirection;
        Process process = new ProcessBuilder("sh", "-c", script, "sh", argument.toString()).start();
        process.getOutputStream().close();
        return ChildRun.of(process, 60);
    }
}
