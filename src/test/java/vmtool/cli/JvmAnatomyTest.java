package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * anatomy and where of a small JVM on JDK 17 and on JDK 25, with and without --jvm, asked with the jcmd of the JDK
 * this test runs on: run on JDK 17 and on 25, the suite covers 17 asking 25 and 25 asking 17.
 */
@Tag("slow")
class JvmAnatomyTest {
    private static Path javaHome(String which) {
        return Path.of(which.equals("17") ? "/usr/lib/jvm/java-17-openjdk-amd64"
                : "/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void jvmNamesTheJavaHeapClassSpaceMetaspaceAndCodeCache(String which) throws Exception {
        Path home = javaHome(which);
        assumeTrue(Files.isExecutable(home.resolve("bin/java")), "no JDK at " + home);
        Process jvm = SleepingJvm.start(home);
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
                    .doesNotContain("a HotSpot JVM: its Java heap");
            // Without NativeMemoryTracking (and on JDK 17, without System.map) the JVM does not place its GC data.
            assertThat(named.out()).contains("\n  the JVM's GC data (card table, mark bitmaps) and code heap"
                    + " segment maps are counted as anonymous and reserved: " + (which.equals("17")
                    ? "only System.map names them, from JDK 22 on, with -XX:NativeMemoryTracking=summary\n"
                    : "its System.map names them only when it runs with -XX:NativeMemoryTracking=summary\n"));
            // Attaching started the JVM's Attach Listener thread; its stack is found and named.
            assertThat(named.out()).containsPattern("\n +[0-9]+  Attach Listener +0x");

            String heapStart = heapStart(CommandRun.of("anatomy", "--jvm", "--detail", pid).out());
            CommandRun where = CommandRun.of("where", "--jvm", pid, heapStart);
            assertThat(where.out()).startsWith(heapStart + ": " + heapStart + "-0x").contains(" java-heap ");
        } finally {
            SleepingJvm.stop(jvm);
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
