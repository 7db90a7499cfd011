package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.Unprivileged;

/**
 * anatomy --jvm run as root against processes of the unprivileged user, which plants a jcmd that leaves a marker if
 * anyone runs it, where the old code looked for one: beside the process's executable, and in the bin/ of the JDK
 * whose lib/server/libjvm.so it maps. vmtool runs the jcmd of the JDK it runs on, so the marker never appears.
 */
@Timeout(120)
@Tag("slow")
class JvmTargetTrustTest {
    private static final String PREFIX = "vmtool anatomy: --jvm: ";

    /** One line on stderr, status 0 (docs/anatomy.md: a JVM that cannot be asked is not an input failure). */
    private static void assertOneLineRefusal(CommandRun run) {
        assertThat(run.status()).isZero();
        assertThat(run.err()).startsWith(PREFIX).endsWith("; the JVM's regions are shown as anonymous and reserved\n");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).contains("\nanonymous ");
    }

    @Test
    void aJcmdInTheBinOfTheLibjvmItMapsIsNeverRun() throws Exception {
        Path home = UserJvms.ownedDirectory("vmtool-fake-jdk-");
        try {
            Path libjvm = home.resolve("lib/server/libjvm.so");
            UserJvms.plantFile(libjvm);
            assertPlantedJcmdNeverRuns(home, UserJvms.fakeJvm(), libjvm);
        } finally {
            UserJvms.deleteTree(home);
        }
    }

    @Test
    void aJcmdBesideTheProcesssExecutableIsNeverRun() throws Exception {
        Path home = UserJvms.ownedDirectory("vmtool-fake-java-");
        try {
            // /proc/PID/exe is the user's bin/java; its libjvm.so is elsewhere (no bin/ three levels up).
            Path java = home.resolve("bin/java");
            Files.createDirectories(java.getParent());
            Files.copy(UserJvms.fakeJvm(), java);
            Path libjvm = home.resolve("libjvm.so");
            UserJvms.plantFile(libjvm);
            assertPlantedJcmdNeverRuns(home, java, libjvm);
        } finally {
            UserJvms.deleteTree(home);
        }
    }

    /**
     * Plants {@code home/bin/jcmd}, gives {@code home} to the user, runs {@code program libjvm} as the user in it, and
     * asks root's anatomy --jvm about that process: one line, and the planted jcmd not run.
     */
    private static void assertPlantedJcmdNeverRuns(Path home, Path program, Path libjvm) throws Exception {
        Path marker = home.resolve("marker");
        UserJvms.plantJcmd(home, marker);
        UserJvms.chownTree(home);
        Process fake = UserJvms.startFake(program, libjvm, home);
        try {
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + fake.pid() + "/exe"))).isEqualTo(program);

            CommandRun run = CommandRun.of("anatomy", "--jvm", Long.toString(fake.pid()));

            assertThat(marker).doesNotExist();
            assertOneLineRefusal(run);
            assertThat(run.err()).doesNotContain("planted jcmd ran");
            // jcmd gave up attaching before vmtool's limit, and removed the file it made in the target's directory.
            assertThat(home.resolve(".attach_pid" + fake.pid())).doesNotExist();
        } finally {
            stop(fake);
        }
    }

    /**
     * A real JVM of the user's, from a JDK copied into a directory it owns, is asked with vmtool's own jcmd: its
     * regions are named, and the copy's jcmd (the marker script) is not run.
     */
    @Test
    void aUsersOwnJdkIsAskedWithVmtoolsJcmd() throws Exception {
        Path dir = UserJvms.ownedDirectory("vmtool-user-jdk-");
        Path marker = dir.resolve("marker");
        Process jvm = null;
        try {
            Path copy = UserJvms.copyJdk(Path.of(System.getProperty("java.home")), dir);
            UserJvms.plantJcmd(copy, marker);
            UserJvms.chownTree(dir);
            jvm = SleepingJvm.start(Unprivileged.asUser(), copy.resolve("bin/java"), dir);
            assertThat(Files.readString(Path.of("/proc/" + jvm.pid() + "/maps")))
                    .contains(copy + "/lib/server/libjvm.so");

            CommandRun run = CommandRun.of("anatomy", "--jvm", Long.toString(jvm.pid()));

            assertThat(marker).doesNotExist();
            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            assertThat(run.out()).containsPattern("\njava-heap +[0-9]+ +[0-9]+ ").containsPattern("\ncode-cache +");
        } finally {
            if (jvm != null) {
                SleepingJvm.stop(jvm);
            }
            UserJvms.deleteTree(dir);
        }
    }

    /**
     * A process that maps a real libjvm.so but does not catch SIGQUIT (no JVM) is not signalled: jcmd's SIGQUIT,
     * which starts a JVM's attach listener, would kill it (JDK 17's jcmd sends it without looking).
     */
    @Test
    void aProcessThatDoesNotCatchSigquitIsNotSignalled() throws Exception {
        Path libjvm = Path.of(System.getProperty("java.home"), "lib/server/libjvm.so").toRealPath();
        Path dir = UserJvms.ownedDirectory("vmtool-no-sigquit-");
        Process plain = UserJvms.startFake(UserJvms.fakeJvm(), libjvm, dir, "--no-sigquit-handler");
        try {
            CommandRun run = CommandRun.of("anatomy", "--jvm", Long.toString(plain.pid()));

            assertThat(plain.isAlive()).isTrue();
            assertOneLineRefusal(run);
            assertThat(run.err()).contains("does not catch SIGQUIT");
        } finally {
            stop(plain);
            UserJvms.deleteTree(dir);
        }
    }

    private static void stop(Process process) throws Exception {
        if (process != null) {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
