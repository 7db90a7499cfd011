package vmtool.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk's rules one by one, on real files in a root-owned temporary directory. Another owner is played by an
 * unused uid (root can give a file to any uid); the attacks by a real user are in {@link OutputSafetyTest}.
 */
class DestinationsTest {
    /** A uid that no account has: neither root nor the invoking user. */
    private static final int STRANGER = 54_321;

    @TempDir
    Path dir;

    private final Destinations destinations = Destinations.forThisProcess();

    private Destination resolve(Path path) throws IOException {
        return destinations.resolve(path.toString());
    }

    @Test
    void aRegularFileAndAMissingNameAreFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("a.html"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThat(resolve(file)).isEqualTo(new Destination.File(dir.toRealPath(), Path.of("a.html"),
                PosixFilePermissions.fromString("rw-rw----")));
        assertThat(resolve(dir.resolve("new.svg"))).isEqualTo(new Destination.File(dir.toRealPath(),
                Path.of("new.svg"), null));
    }

    @Test
    void aRelativeNameIsFoundFromTheWorkingDirectory() throws IOException {
        Destination found = destinations.resolve("no-such-output.html");
        assertThat(found).isEqualTo(new Destination.File(Path.of("").toRealPath(), Path.of("no-such-output.html"),
                null));
    }

    /** ".." is the parent of where the walk is, as the kernel's: after a link, the parent of its target. */
    @Test
    void dotDotAfterALinkIsThePhysicalParent() throws IOException {
        Path deep = Files.createDirectories(dir.resolve("a/b"));
        Files.createSymbolicLink(dir.resolve("to-b"), deep);
        assertThat(resolve(dir.resolve("to-b/../x"))).isEqualTo(new Destination.File(dir.toRealPath().resolve("a"),
                Path.of("x"), null));
    }

    @Test
    void directoriesAndNamesThatEndInOneAreRefused() throws IOException {
        for (String name : new String[] {"", "/", "/.", "/sub/..", "/sub"}) {
            Files.createDirectories(dir.resolve("sub"));
            assertThatThrownBy(() -> destinations.resolve(dir + name)).as(name).isInstanceOf(OutputRefused.class)
                    .hasMessage("it is a directory");
        }
    }

    @Test
    void aMissingDirectoryOrAFileUsedAsOneIsAnError() throws IOException {
        assertThatThrownBy(() -> resolve(dir.resolve("no/such/x"))).isInstanceOf(NoSuchFileException.class);
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> resolve(file.resolve("x"))).isInstanceOf(OutputRefused.class)
                .hasMessage(file.toRealPath() + " is not a directory");
    }

    @Test
    void aLinkLoopStopsAfterFortyLinks() throws IOException {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> resolve(dir.resolve("a"))).isInstanceOf(OutputRefused.class)
                .hasMessage("too many levels of symbolic links");
    }

    @Test
    void aLinkThatAnotherUserOwnsIsNotFollowedEvenInADirectoryOfRoots() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));
        Files.setAttribute(link, "unix:uid", STRANGER, LinkOption.NOFOLLOW_LINKS);
        assertThatThrownBy(() -> resolve(link)).isInstanceOf(OutputRefused.class)
                .hasMessageStartingWith(dir.toRealPath().resolve("link") + " is a symbolic link that " + STRANGER
                        + " owns");
    }

    @Test
    void aDirectoryThatGroupOrOthersCanWriteIsRefusedUnlessSticky() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0775);
        assertThatThrownBy(() -> resolve(shared.resolve("x"))).isInstanceOf(OutputRefused.class)
                .hasMessageContaining("can be changed by others (mode 0775)");
        Files.setAttribute(shared, "unix:mode", 01777);
        assertThat(resolve(shared.resolve("x"))).isInstanceOf(Destination.File.class);
        Path strangers = Files.writeString(shared.resolve("theirs"), "");
        Files.setAttribute(strangers, "unix:uid", STRANGER);
        assertThatThrownBy(() -> resolve(strangers)).isInstanceOf(OutputRefused.class)
                .hasMessageContaining("belongs to " + STRANGER);
    }

    @Test
    void aDirectoryThatAnotherUserOwnsIsRefused() throws IOException {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:uid", STRANGER);
        assertThatThrownBy(() -> resolve(theirs.resolve("x"))).isInstanceOf(OutputRefused.class)
                .hasMessageStartingWith(dir.toRealPath().resolve("theirs") + " belongs to " + STRANGER);
    }

    @Test
    void thisProcessesDescriptorsAreStandardOutputOrDescriptors() throws IOException {
        for (String stdout : new String[] {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/proc/thread-self/fd/1"}) {
            assertThat(destinations.resolve(stdout)).as(stdout).isEqualTo(new Destination.StandardOutput());
        }
        assertThat(destinations.resolve("/dev/stderr")).isEqualTo(new Destination.Descriptor(
                Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/2")));
        assertThat(destinations.resolve("/dev/null")).isEqualTo(new Destination.Device(Path.of("/dev/null")));
    }

    @Test
    void aBlockDeviceAndASocketAreRefused() throws Exception {
        Path block = dir.resolve("block");
        Process mknod = new ProcessBuilder("mknod", block.toString(), "b", "7", "200").start();
        assertThat(mknod.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mknod.exitValue()).isZero();
        assertThatThrownBy(() -> resolve(block)).isInstanceOf(OutputRefused.class)
                .hasMessageContaining("is a block device");

        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThatThrownBy(() -> resolve(socket)).isInstanceOf(OutputRefused.class)
                    .hasMessageContaining("is a socket");
        }
    }
}
