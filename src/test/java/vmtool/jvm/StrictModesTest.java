package vmtool.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.Unprivileged;

/** StrictModes and OwnJdk on real files: root's, the unprivileged user's, group-writable ones, links. */
class StrictModesTest {
    @TempDir
    Path dir;

    private static Path executable(Path file, String mode) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void theJcmdOfTheJdkThisRunsOnMayBeRun() throws Exception {
        Path jcmd = OwnJdk.jcmd(Path.of(System.getProperty("java.home")), 0);

        assertThat(jcmd).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "jcmd").toRealPath());
        assertThat(StrictModes.refusal(jcmd, 0)).isEmpty();
    }

    @Test
    void aRootFileUnderTheStickyTmpMayBeRun() throws Exception {
        // /tmp is root's, sticky and writable by all; the test's directory in it is root's, 0700.
        assertThat(StrictModes.refusal(executable(dir.resolve("tool"), "rwx------").toRealPath(), 0)).isEmpty();
    }

    @Test
    void aFileInADirectoryAnotherUserOwnsIsRefused() throws Exception {
        Unprivileged.Account user = Unprivileged.account();
        Path owned = Unprivileged.ownedDirectory(Path.of("/tmp"), "vmtool-strict-");
        try {
            Path tool = executable(owned.resolve("tool"), "rwxr-xr-x").toRealPath();

            assertThat(StrictModes.refusal(tool, 0)).contains(owned + " is owned by uid " + user.uid()
                    + ", neither root nor uid 0");
            // That user, running vmtool, may run what it owns itself.
            Unprivileged.chown(tool);
            assertThat(StrictModes.refusal(tool, user.uid())).isEmpty();
        } finally {
            Files.deleteIfExists(owned.resolve("tool"));
            Files.delete(owned);
        }
    }

    @Test
    void aGroupWritableFileOrDirectoryIsRefused() throws Exception {
        Path tool = executable(dir.resolve("tool"), "rwxrwxr-x").toRealPath();
        assertThat(StrictModes.refusal(tool, 0)).contains(tool + " is writable by its group or others (mode 775)");

        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path inSub = executable(sub.resolve("tool"), "rwxr-xr-x").toRealPath();
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xrwx"));
        assertThat(StrictModes.refusal(inSub, 0)).contains(sub.toRealPath()
                + " is writable by its group or others (mode 757)");
    }

    @Test
    void aLinkInThePathIsRefused() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        executable(real.resolve("tool"), "rwxr-xr-x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        assertThat(StrictModes.refusal(link.toAbsolutePath().resolve("tool"), 0))
                .contains(link.toAbsolutePath() + " is not a directory");
    }

    @Test
    void aJavaRuntimeWithoutJcmdIsOneLine() {
        assertThatThrownBy(() -> OwnJdk.jcmd(dir, 0)).isInstanceOf(JvmUnavailableException.class)
                .hasMessage("vmtool runs on a Java runtime without jcmd (" + dir + "); --jvm needs a JDK: put a JDK's"
                        + " bin/ first on PATH (apt-get install openjdk-17-jdk-headless)");
    }

    @Test
    void aJdkThatOthersMayWriteIsNotRun() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path jcmd = executable(bin.resolve("jcmd"), "rwxrwxrwx").toRealPath();

        assertThatThrownBy(() -> OwnJdk.jcmd(dir.resolve("jdk"), 0)).isInstanceOf(JvmUnavailableException.class)
                .hasMessage("will not run " + jcmd + ": " + jcmd + " is writable by its group or others (mode 777);"
                        + " run vmtool on a JDK that only root can write");
    }
}
