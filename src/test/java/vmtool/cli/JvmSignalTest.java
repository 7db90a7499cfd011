package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.JdkFlags;

/**
 * SIGTERM, SIGINT and SIGHUP to vmtool while its jcmd runs: jcmd is killed with it, no file is left in vmtool's
 * temporary directory, and vmtool ends with 128 + the signal's number. jcmd is kept busy by a JVM stopped with
 * SIGSTOP, whose attach listener cannot start. vmtool runs as a child JVM, as from the launcher.
 */
@Timeout(120)
@Tag("slow")
class JvmSignalTest {
    /** vmtool with its temporary directory (java.io.tmpdir) here: other runs on the machine share /tmp. */
    private static List<String> vmtool(Path tmp, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-Xmx64m", "-Djava.io.tmpdir=" + tmp));
        command.addAll(JdkFlags.forThisJdk());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "vmtool.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
    }

    /** Whether this process ignores the signal: its children then do too, and the JVM leaves it ignored. */
    private static boolean ignoredHere(int number) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (number - 1)))
                        != 0;
            }
        }
        return false;
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130", "HUP, 129"})
    void aSignalDuringJcmdKillsItAndLeavesNoFile(String signal, int status) throws Exception {
        assumeFalse(ignoredHere(status - 128), "SIG" + signal + " is ignored by this test's environment");
        Path tmp = Files.createTempDirectory("vmtool-signal-tmp-");
        Path dir = Files.createTempDirectory("vmtool-stopped-jvm-");
        Process jvm = SleepingJvm.start(List.of(), Path.of(System.getProperty("java.home"), "bin", "java"), dir);
        Process vmtool = null;
        try {
            signal("STOP", jvm.pid());
            vmtool = new ProcessBuilder(vmtool(tmp, "anatomy", "--jvm", Long.toString(jvm.pid())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            List<ProcessHandle> jcmd = List.of();
            for (int i = 0; i < 300 && jcmd.isEmpty() && vmtool.isAlive(); i++) {
                Thread.sleep(50);
                jcmd = UserJvms.descendants(vmtool.toHandle());
            }
            assertThat(jcmd).as("vmtool's jcmd").isNotEmpty();
            Thread.sleep(300);

            signal(signal, vmtool.pid());

            assertThat(vmtool.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(vmtool.exitValue()).isEqualTo(status);
            for (ProcessHandle child : jcmd) {
                for (int i = 0; i < 100 && child.isAlive(); i++) {
                    Thread.sleep(50);
                }
                assertThat(child.isAlive()).as("jcmd %d alive after vmtool ended", child.pid()).isFalse();
            }
            assertThat(names(tmp)).as("vmtool's temporary files").isEmpty();
        } finally {
            if (vmtool != null) {
                vmtool.destroyForcibly().waitFor();
            }
            signal("CONT", jvm.pid());
            SleepingJvm.stop(jvm);
            UserJvms.deleteTree(dir);
            UserJvms.deleteTree(tmp);
        }
    }
}
