package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.HugePages;
import vmtool.KernelSmaps;

/**
 * A JVM with -XX:+UseLargePages, its heap and code cache in hugetlb pages ({@code /anon_hugepage (deleted)}), on
 * JDK 17 and 25: without --jvm they are {@code hugetlb}; with it the JVM's labels apply, and their huge pages are
 * still counted as resident (smaps's Private_Hugetlb, at that moment), and still listed as hugetlb.
 */
@Timeout(120)
@Tag("slow")
class JvmHugetlbTest {
    /** The heap (64 MiB) and the code cache (16 MiB) in 2 MiB pages, and a few to spare. */
    private static final int PAGES = 48;

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void theJvmsLabelsApplyToItsHugetlbMappings(String which) throws Exception {
        Path home = Path.of(which.equals("17") ? "/usr/lib/jvm/java-17-openjdk-amd64"
                : "/usr/lib/jvm/temurin-25-jdk-amd64");
        assumeTrue(Files.isExecutable(home.resolve("bin/java")), "no JDK at " + home);
        try (HugePages pages = HugePages.reserve(PAGES)) {
            Process jvm = SleepingJvm.start(home, List.of("-Xms64m", "-Xmx64m", "-XX:+UseLargePages",
                    "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=16m"));
            try {
                String pid = Long.toString(jvm.pid());
                List<JsonObject> plain = hugetlbMappings(CommandRun.of("anatomy", "--detail", "--json", pid));
                CommandRun run = CommandRun.of("anatomy", "--jvm", "--detail", "--json", pid);
                KernelSmaps smaps = KernelSmaps.of(jvm.pid());
                List<JsonObject> named = hugetlbMappings(run);

                assertThat(plain).as("the JVM got its heap in huge pages").isNotEmpty()
                        .allMatch(mapping -> mapping.get("kind").getAsString().equals("hugetlb"));
                assertThat(run.err()).isEmpty();
                assertThat(named).hasSameSizeAs(plain);
                List<String> kinds = new ArrayList<>();
                for (JsonObject mapping : named) {
                    kinds.add(mapping.get("kind").getAsString());
                    long start = Long.parseUnsignedLong(mapping.get("start").getAsString().substring(2), 16);
                    assertThat(mapping.get("rss_kb").getAsLong()).as(mapping.toString())
                            .isEqualTo(smaps.kb(start, "Rss") + smaps.kb(start, "Private_Hugetlb")
                                    + smaps.kb(start, "Shared_Hugetlb"));
                    assertThat(mapping.get("deleted").getAsBoolean()).isFalse();
                }
                assertThat(kinds).contains("java-heap").containsOnly("java-heap", "code-cache");
                JsonObject heap = named.get(kinds.indexOf("java-heap"));
                assertThat(heap.get("label").getAsString()).isEqualTo("Serial heap");
                assertThat(heap.get("size_kb").getAsLong()).isEqualTo(64 * 1024);
            } finally {
                SleepingJvm.stop(jvm);
            }
        }
    }

    /** The mappings that anatomy's JSON marks as hugetlb. */
    private static List<JsonObject> hugetlbMappings(CommandRun run) {
        assertThat(run.status()).as(run.err()).isZero();
        List<JsonObject> hugetlb = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("mappings")) {
            if (element.getAsJsonObject().get("hugetlb").getAsBoolean()) {
                hugetlb.add(element.getAsJsonObject());
            }
        }
        return hugetlb;
    }
}
