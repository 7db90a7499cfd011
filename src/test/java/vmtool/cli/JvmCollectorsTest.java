package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.JsonSchemaCheck;

/**
 * {@code anatomy --jvm} of a small JVM under each collector, on JDK 17 and 25 (asked with the jcmd of the JDK this
 * test runs on), held to what the JVM itself says with NativeMemoryTracking on: NMT's reserved sizes of the Java
 * heap, class space and metadata, VM.flags' ReservedCodeCacheSize, and on JDK 25 System.map's row for each mapping.
 * The heap is committed in part (-Xms16m of -Xmx64m), so that Epsilon's reservation is larger than its space.
 */
@Timeout(120)
@Tag("slow")
class JvmCollectorsTest {
    /** NMT's names in System.map's info column, and the kind vmtool gives each. */
    private static final Map<String, String> SYSTEM_MAP_KINDS = Map.of("JAVAHEAP", "java-heap", "CLASS",
            "class-space", "META", "metaspace", "CODE", "code-cache", "GC", "gc-data", "CARDTBL", "gc-data");

    private static Path javaHome(String which) {
        return Path.of(which.equals("17") ? "/usr/lib/jvm/java-17-openjdk-amd64"
                : "/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    @ParameterizedTest(name = "JDK {0}, {1}")
    @CsvSource({"17, G1", "17, Serial", "17, Parallel", "17, Shenandoah", "17, Z", "17, Epsilon",
            "25, G1", "25, Serial", "25, Parallel", "25, Shenandoah", "25, Z", "25, Epsilon"})
    void theJvmsRegionsAreWhatItsNativeMemoryTrackingSays(String which, String collector) throws Exception {
        Path home = javaHome(which);
        assumeTrue(Files.isExecutable(home.resolve("bin/java")), "no JDK at " + home);
        List<String> options = new ArrayList<>(List.of("-Xms16m", "-Xmx64m", "-XX:NativeMemoryTracking=summary",
                "-XX:+UnlockExperimentalVMOptions", "-XX:+Use" + collector + "GC"));
        Process jvm;
        try {
            jvm = SleepingJvm.start(home, options);
        } catch (IllegalStateException e) {
            assumeTrue(!collector.equals("Shenandoah"), "this JDK has no Shenandoah: " + e.getMessage());
            throw e;
        }
        try {
            String pid = Long.toString(jvm.pid());
            CommandRun run = CommandRun.of("anatomy", "--jvm", "--detail", "--json", pid);
            String jvmSays = jcmd(home, pid, "VM.native_memory summary", "VM.flags", "System.map");

            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            JsonSchemaCheck.assertValid("anatomy", run.out());
            JsonObject anatomy = JsonParser.parseString(run.out()).getAsJsonObject();
            Map<String, Long> sizes = new HashMap<>();
            for (JsonElement row : anatomy.getAsJsonArray("kinds")) {
                sizes.put(row.getAsJsonObject().get("kind").getAsString(),
                        row.getAsJsonObject().get("size_kb").getAsLong());
            }
            String context = run.out() + "\n" + jvmSays;

            // The heap's whole reservation: ZGC's views (three on JDK 17) and reserved space, Epsilon's beyond
            // its committed space, the CDS archive's archived heap inside G1's.
            assertThat(sizes.get("java-heap")).as(context).isEqualTo(nmtKb(jvmSays, "Java Heap \\(reserved=(\\d+)KB"));
            assertThat(sizes.get("class-space")).as(context)
                    .isEqualTo(nmtKb(jvmSays, "\\(  Class space:\\)\\s+\\(    reserved=(\\d+)KB"));
            assertThat(sizes.get("metaspace")).as(context)
                    .isEqualTo(nmtKb(jvmSays, "\\(  Metadata: *\\)\\s+\\(    reserved=(\\d+)KB"));
            assertThat(anatomy.getAsJsonArray("deleted")).as("the JVM's memory is no deleted file").isEmpty();
            List<JsonObject> mappings = new ArrayList<>();
            anatomy.getAsJsonArray("mappings").forEach(mapping -> mappings.add(mapping.getAsJsonObject()));
            if (collector.equals("G1")) {
                assertThat(mappings).as(context).anyMatch(mapping -> mapping.get("kind").getAsString()
                        .equals("java-heap") && label(mapping).startsWith("CDS archived heap ("));
            }
            assertThat(mappings).as("no JVM label quotes the JVM's answer").noneMatch(
                    mapping -> label(mapping).startsWith("space "));

            long codeCacheKb = nmtKb(jvmSays, "-XX:ReservedCodeCacheSize=(\\d+)") / 1024;
            List<String> notes = new ArrayList<>();
            anatomy.getAsJsonArray("notes").forEach(note -> notes.add(note.getAsString()));
            if (which.equals("17")) {
                // No System.map: the code heaps are named, their segment maps and the collector's data are not.
                assertThat(sizes.get("code-cache")).as(context).isEqualTo(codeCacheKb);
                assertThat(sizes).doesNotContainKey("gc-data");
                assertThat(notes).anyMatch(note -> note.contains("only System.map names them, from JDK 22 on"));
            } else {
                assertThat(sizes.get("code-cache")).as("the code heaps and their segment maps").isGreaterThan(
                        codeCacheKb);
                assertThat(notes).noneMatch(note -> note.contains("GC data"));
                assertTheKindsAreSystemMaps(mappings, jvmSays, collector);
            }
        } finally {
            SleepingJvm.stop(jvm);
        }
    }

    /**
     * Each row of System.map (read after vmtool's read) that vmtool lists with the same range, and that NMT names
     * with a word vmtool has a kind for, has that kind (the first word's, for a row two areas share). Every such
     * word of the JVM's own areas is met at least once.
     */
    private static void assertTheKindsAreSystemMaps(List<JsonObject> mappings, String jvmSays, String collector) {
        Map<String, JsonObject> byRange = new HashMap<>();
        for (JsonObject mapping : mappings) {
            byRange.put(mapping.get("start").getAsString() + "-" + mapping.get("end").getAsString(), mapping);
        }
        // from-to vsize prot rss hugetlb pgsz notes info
        Pattern row = Pattern.compile(
                "(?m)^0x0*([0-9a-f]+)-0x0*([0-9a-f]+) +\\d+ +\\S+ +\\d+ +\\d+ +\\S+ +\\S+ +(\\S+)");
        Matcher matcher = row.matcher(jvmSays);
        Map<String, Integer> compared = new HashMap<>();
        while (matcher.find()) {
            String first = matcher.group(3).split(",")[0];
            JsonObject mapping = byRange.get("0x" + matcher.group(1) + "-0x" + matcher.group(2));
            if (!SYSTEM_MAP_KINDS.containsKey(first) || mapping == null) {
                continue;
            }
            assertThat(mapping.get("kind").getAsString()).as(matcher.group() + "\n" + mapping)
                    .isEqualTo(SYSTEM_MAP_KINDS.get(first));
            compared.merge(first, 1, Integer::sum);
        }
        assertThat(compared).as(jvmSays).containsKeys("JAVAHEAP", "CLASS", "META", "CODE");
        if (!collector.equals("Epsilon")) {
            assertThat(compared.keySet()).as(jvmSays).containsAnyOf("GC", "CARDTBL");
        }
    }

    /** A mapping's label in anatomy's JSON, "" for none (null). */
    private static String label(JsonObject mapping) {
        return mapping.get("label").isJsonNull() ? "" : mapping.get("label").getAsString();
    }

    /** The first number the pattern's group catches in the JVM's answer. */
    private static long nmtKb(String jvmSays, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(jvmSays);
        assertThat(matcher.find()).as(pattern + " in\n" + jvmSays).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** What the JDK's own jcmd prints for these commands (the last may be refused: JDK 17 has no System.map). */
    private static String jcmd(Path home, String pid, String... commands) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(home.resolve("bin/jcmd").toString(), pid, "-f", "/dev/stdin")
                .redirectErrorStream(true).start();
        try (var in = jcmd.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
