package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** anatomy and where of a small JVM, with and without --jvm, on JDK 17 (this one) and JDK 25. */
class JvmAnatomyTest {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Path javaHome(String which) {
        return which.equals("this") ? Path.of(System.getProperty("java.home")) : JDK25;
    }

    /** A JVM that waits until its stdin closes; closed again by the caller. */
    private static Process startJvm(Path home) throws Exception {
        Process jvm = new ProcessBuilder(home.resolve("bin/java").toString(), "-Xmx64m", "-cp",
                Path.of("target/test-classes").toAbsolutePath().toString(), SleepingJvm.class.getName())
                .redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(first).isEqualTo("ready");
        return jvm;
    }

    private static void stop(Process jvm) throws Exception {
        jvm.getOutputStream().close();
        if (!jvm.waitFor(10, TimeUnit.SECONDS)) {
            jvm.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"this", "25"})
    void jvmNamesTheJavaHeapClassSpaceMetaspaceAndCodeCache(String which) throws Exception {
        Path home = javaHome(which);
        assumeTrue(Files.isExecutable(home.resolve("bin/jcmd")), "no JDK at " + home);
        Process jvm = startJvm(home);
        try {
            String pid = Long.toString(jvm.pid());
            CommandRun plain = CommandRun.of("anatomy", pid);
            CommandRun named = CommandRun.of("anatomy", "--jvm", pid);

            assertThat(plain.status()).isZero();
            assertThat(plain.out()).doesNotContain("java-heap").contains("\nnotes:\n  a HotSpot JVM: its Java heap,"
                    + " class space, metaspace and code cache are counted as anonymous and reserved; --jvm asks the"
                    + " JVM for them\n");
            assertThat(named.err()).isEmpty();
            assertThat(named.status()).isZero();
            assertThat(named.out()).containsPattern("\njava-heap +[0-9]+ +[0-9]+ ")
                    .containsPattern("\nclass-space +[0-9]+ ")
                    .containsPattern("\nmetaspace +[0-9]+ ")
                    .containsPattern("\ncode-cache +[0-9]+ ")
                    .doesNotContain("notes:");
            // Attaching started the JVM's Attach Listener thread; its stack is found and named.
            assertThat(named.out()).containsPattern("\n +[0-9]+  Attach Listener +0x");

            String heapStart = heapStart(CommandRun.of("anatomy", "--jvm", "--detail", pid).out());
            CommandRun where = CommandRun.of("where", "--jvm", pid, heapStart);
            assertThat(where.out()).startsWith(heapStart + ": " + heapStart + "-0x").contains(" java-heap ");
        } finally {
            stop(jvm);
        }
    }

    /** The start of the first java-heap mapping in --detail's list. */
    private static String heapStart(String detail) {
        for (String line : detail.lines().toList()) {
            List<String> words = List.of(line.strip().split(" +"));
            if (words.size() > 2 && words.get(2).equals("java-heap")) {
                return words.get(0).split("-")[0];
            }
        }
        throw new AssertionError("no java-heap mapping in\n" + detail);
    }
}
