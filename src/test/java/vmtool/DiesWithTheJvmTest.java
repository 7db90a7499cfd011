package vmtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM killed with SIGKILL (as a cancelled CI job kills the tests) takes with it the helper it started through
 * {@link DiesWithTheJvm}; one started plainly lives on (the control: what the tests left behind before).
 */
class DiesWithTheJvmTest {
    /** A JVM that starts {@code sleep 600} (through DiesWithTheJvm when its argument is "dies"), says its pid. */
    public static void main(String[] args) throws Exception {
        ProcessBuilder sleep = new ProcessBuilder("sleep", "600");
        Process process = args[0].equals("dies") ? DiesWithTheJvm.start(sleep) : sleep.start();
        System.out.println(process.pid());
        System.out.flush();
        Thread.sleep(600_000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dies", "lives"})
    void aHelperDiesWithAJvmKilledWithSigkill(String how) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DiesWithTheJvmTest.class.getName(), how).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long pid = Long.parseLong(new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.US_ASCII)).readLine());
        Optional<ProcessHandle> sleep = ProcessHandle.of(pid);
        try {
            assertThat(sleep).isPresent();
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName())
                    .hasToString("sleep");
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no finally runs in it
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
            boolean ended = sleep.get().onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).get() != null
                    || !sleep.get().isAlive();
            assertThat(ended).as("sleep %d ended with the JVM that started it (%s)", pid, how)
                    .isEqualTo(how.equals("dies"));
        } finally {
            sleep.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
