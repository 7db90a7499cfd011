package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;
import vmtool.KernelSmaps;

/** vmtool anatomy against the helper process anatomy.c, as a user runs it (CommandLineFactory.run). */
class AnatomyCommandTest {
    private static AnatomyHelper helper;

    @TempDir
    Path temp;

    @BeforeAll
    static void startHelper() throws Exception {
        helper = AnatomyHelper.start();
    }

    @AfterAll
    static void stopHelper() throws Exception {
        helper.close();
    }

    private static JsonObject json(String... args) {
        CommandRun run = CommandRun.of(args);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** kind id to its row. */
    private static Map<String, JsonObject> kinds(JsonObject anatomy) {
        Map<String, JsonObject> kinds = new LinkedHashMap<>();
        for (JsonElement row : anatomy.getAsJsonArray("kinds")) {
            kinds.put(row.getAsJsonObject().get("kind").getAsString(), row.getAsJsonObject());
        }
        return kinds;
    }

    private static long number(JsonObject row, String key) {
        return row.get(key).getAsLong();
    }

    @Test
    void everyKindOfTheHelperWithItsCountsAndSizes() throws IOException {
        Map<String, JsonObject> kinds = kinds(json("anatomy", "--json", helper.pidArg()));
        // What is resident is the kernel's to say (a write may fault in more than a page: mTHP, shmem's huge
        // pages): as smaps says it now, the helper being quiet.
        KernelSmaps kernel = KernelSmaps.of(helper.pid());

        assertThat(kinds.keySet()).containsExactly("program", "bss", "heap", "stack", "thread-stack", "guard",
                "library", "vdso", "vvar", "vsyscall", "anonymous", "reserved", "shared-anonymous", "sysv-shm", "memfd",
                "file");
        // What the helper keeps inaccessible beside its two lookalikes of a library's bss.
        assertThat(number(kinds.get("reserved"), "mappings")).isEqualTo(2);
        assertThat(number(kinds.get("thread-stack"), "mappings")).isEqualTo(2);
        assertThat(number(kinds.get("thread-stack"), "size_kb")).isEqualTo(2 * 8192);
        assertThat(number(kinds.get("guard"), "mappings")).isEqualTo(2);
        assertThat(number(kinds.get("guard"), "size_kb")).isEqualTo(8);
        assertThat(number(kinds.get("sysv-shm"), "size_kb")).isEqualTo(48);
        assertThat(number(kinds.get("memfd"), "size_kb")).isEqualTo(20);
        long memfdRss = kernel.kb(helper.printed("memfd").start(), "Rss");
        assertThat(memfdRss).as("the helper wrote its memfd").isGreaterThanOrEqualTo(8);
        assertThat(number(kinds.get("memfd"), "rss_kb")).isEqualTo(memfdRss);
        assertThat(number(kinds.get("shared-anonymous"), "size_kb")).isEqualTo(28);
        assertThat(number(kinds.get("file"), "size_kb")).isEqualTo(12);
        assertThat(number(kinds.get("bss"), "mappings")).isEqualTo(1);
        assertThat(number(kinds.get("bss"), "size_kb")).isEqualTo(1024);
        long bssDirty = kernel.dirtyKb(kernel.startOf(helper.printed("bss").address()));
        assertThat(bssDirty).as("the helper wrote 3 pages of its bss").isGreaterThanOrEqualTo(12);
        assertThat(number(kinds.get("bss"), "dirty_kb")).isEqualTo(bssDirty);
        // The 8 MiB malloc, written all over, is one anonymous mapping of its own.
        assertThat(number(kinds.get("anonymous"), "rss_kb")).isGreaterThanOrEqualTo(8192);
        assertThat(number(kinds.get("stack"), "mappings")).isEqualTo(1);
        assertThat(number(kinds.get("heap"), "mappings")).isEqualTo(1);
    }

    @Test
    void totalsMatchProcpsPmap() throws Exception {
        JsonObject anatomy = json("anatomy", "--json", helper.pidArg());
        Process pmap = new ProcessBuilder("/usr/bin/pmap", "-X", helper.pidArg()).redirectErrorStream(true).start();
        List<String> lines = new String(pmap.getInputStream().readAllBytes()).lines().toList();
        assertThat(pmap.waitFor()).isZero();
        // pmap -X's last line: the sums, from Size on, then "KB".
        String[] sums = lines.get(lines.size() - 1).strip().split(" +");
        JsonObject total = anatomy.getAsJsonObject("total");

        assertThat(number(total, "size_kb")).isEqualTo(Long.parseLong(sums[0]));
        assertThat(number(total, "rss_kb")).isEqualTo(Long.parseLong(sums[1]));
        assertThat(number(total, "mappings")).isEqualTo(lines.size() - 4);
        assertThat(anatomy.get("mapping_count").getAsLong()).isEqualTo(lines.size() - 4);
    }

    @Test
    void threadStacksWithTheirTidsNamesAndGuards() {
        JsonArray stacks = json("anatomy", "--json", helper.pidArg()).getAsJsonArray("stacks");
        Map<Integer, String> named = new HashMap<>();
        Map<Integer, Long> guards = new HashMap<>();
        for (JsonElement element : stacks) {
            JsonObject stack = element.getAsJsonObject();
            if (stack.get("kind").getAsString().equals("thread-stack")) {
                named.put(stack.get("tid").getAsInt(), stack.get("thread").getAsString());
                guards.put(stack.get("tid").getAsInt(), stack.get("guard_kb").getAsLong());
            }
        }
        Map<Integer, String> expected = new HashMap<>();
        for (AnatomyHelper.NamedThread thread : helper.threads()) {
            expected.put(thread.tid(), thread.name());
        }

        assertThat(stacks.get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("stack");
        assertThat(stacks.get(0).getAsJsonObject().get("tid").getAsLong()).isEqualTo(helper.pid());
        assertThat(named).isEqualTo(expected);
        // glibc puts one inaccessible page below each thread's stack.
        assertThat(guards.values()).containsOnly(4L);
    }

    @Test
    void textAnswersTheHomeworkAndFlagsTheDeletedFile() {
        CommandRun run = CommandRun.of("anatomy", helper.pidArg());
        int mappings = json("anatomy", "--json", helper.pidArg()).get("mapping_count").getAsInt();

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith(helper.pid() + ":   " + helper.binaryPath() + " ");
        assertThat(lines.get(1)).isEqualTo("KIND              MAPPINGS  SIZE_KB  RSS_KB  PSS_KB  DIRTY_KB  SWAP_KB");
        assertThat(lines.get(2)).matches("program +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +0");
        assertThat(run.out()).contains("\n16 kinds of region in " + mappings + " mappings\n")
                .containsPattern("\nspan: {8}0x[0-9a-f]+-0xffffffffff601000  \\(16\\.0 EiB\\)\n")
                .containsPattern("\nlargest gap: 0x[0-9a-f]+-0x[0-9a-f]+  \\([0-9.]+ TiB unmapped\\)\n")
                .contains("\ndeleted files:\n  ")
                .contains(" r--p file " + helper.deletedFile() + "\n")
                .doesNotContain("MEANING")
                .doesNotContain("hugetlb");
        for (AnatomyHelper.NamedThread thread : helper.threads()) {
            assertThat(run.out()).containsPattern("\n +" + thread.tid() + "  " + thread.name()
                    + " +0x[0-9a-f]+-0x[0-9a-f]+ +8192 +4\n");
        }
        // Only the real file is flagged: SysV, memfd and shared anonymous memory always read "(deleted)".
        assertThat(run.out().split("\ndeleted files:\n")[1].lines().filter(l -> l.startsWith("  ")).count())
                .isEqualTo(1);
    }

    @Test
    void explainAddsEachKindsMeaningAndDetailEveryMapping() {
        CommandRun run = CommandRun.of("anatomy", "--explain", "--detail", helper.pidArg());

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("\nsysv-shm +1 +48 .* a System V shared memory segment \\(shmat\\)\n")
                .contains("\nmappings:\n  RANGE ")
                .containsPattern("\n  0x[0-9a-f]+-0x[0-9a-f]+ +rw-s +memfd +20 +8 .*/memfd:anatomy-ring \\(deleted\\)\n");
    }

    @Test
    void csvHasAHeaderAndOneRowPerKind() {
        CommandRun run = CommandRun.of("anatomy", "--csv", helper.pidArg());

        List<String> rows = List.of(run.out().split("\r\n"));
        assertThat(run.status()).isZero();
        assertThat(rows.get(0)).isEqualTo("kind,mappings,size_kb,rss_kb,pss_kb,dirty_kb,swap_kb,meaning");
        assertThat(rows).hasSize(17);
        assertThat(rows).anyMatch(row -> row.startsWith("thread-stack,2,16384,"));
        assertThat(rows).anyMatch(row -> row.equals("memfd,1,20,8,8,8,0,memory of an anonymous file made with"
                + " memfd_create"));
    }

    @Test
    void savedSmapsAndMapsGiveTheSameKindsButThoseThatNeedProc() throws IOException {
        Map<String, JsonObject> live = kinds(json("anatomy", "--json", helper.pidArg()));
        Path smaps = helper.save("smaps", temp.resolve("helper.smaps"));
        Path maps = helper.save("maps", temp.resolve("helper.maps"));

        JsonObject fromSmaps = json("anatomy", "--json", "--file", smaps.toString());
        JsonObject fromMaps = json("anatomy", "--json", "--file", maps.toString());

        Map<String, Long> expected = new LinkedHashMap<>();
        for (Map.Entry<String, JsonObject> entry : live.entrySet()) {
            expected.put(entry.getKey(), number(entry.getValue(), "mappings"));
        }
        // Without /proc/PID/task, thread stacks are anonymous memory and their guards reserved address space.
        expected.merge("anonymous", expected.remove("thread-stack"), Long::sum);
        expected.merge("reserved", expected.remove("guard"), Long::sum);
        // Without the library's ELF headers, anonymous memory right after its file is taken for its bss: so is
        // the helper's lookalike past the end of libc's image.
        expected.merge("anonymous", -1L, Long::sum);
        expected.merge("library", 1L, Long::sum);
        for (JsonObject saved : List.of(fromSmaps, fromMaps)) {
            Map<String, Long> counts = new HashMap<>();
            for (Map.Entry<String, JsonObject> entry : kinds(saved).entrySet()) {
                counts.put(entry.getKey(), number(entry.getValue(), "mappings"));
            }
            assertThat(counts).isEqualTo(expected);
            assertThat(saved.get("saved").getAsBoolean()).isTrue();
        }
        assertThat(number(fromSmaps.getAsJsonObject("total"), "rss_kb"))
                .isEqualTo(number(json("anatomy", "--json", helper.pidArg()).getAsJsonObject("total"), "rss_kb"));
        assertThat(fromMaps.getAsJsonObject("total").get("rss_kb").isJsonNull()).isTrue();
        assertThat(fromMaps.getAsJsonArray("notes").toString()).contains("a saved maps file has only the ranges");
        assertThat(CommandRun.of("anatomy", "--file", maps.toString()).out())
                .containsPattern("\nsysv-shm +1 +48 +- +- +- +-\n");
    }

    @Test
    void badInputIsOneLineAndItsStatus() {
        assertOneLine(CommandRun.of("anatomy", "12abc"), ExitCode.USAGE,
                "vmtool anatomy: '12abc' is not a process id: give a number from 1 to 2147483647 (a leading 0 is"
                        + " octal, 0x hex, as in C) or /proc/PID (see 'vmtool anatomy --help')");
        assertOneLine(CommandRun.of("anatomy", "python3"), ExitCode.USAGE,
                "vmtool anatomy: 'python3' is a name, not a process id: 'pgrep python3' lists the PIDs of the"
                        + " processes of that name (a PID is a number from 1 to 2147483647, or /proc/PID) (see"
                        + " 'vmtool anatomy --help')");
        assertOneLine(CommandRun.of("anatomy"), ExitCode.USAGE, "vmtool anatomy: a PID is missing: give a process"
                + " id or --file FILE, e.g. 'vmtool anatomy 1234' (see 'vmtool anatomy --help')");
        assertOneLine(CommandRun.of("anatomy", "2147483647"), ExitCode.INPUT_FAILURE,
                "vmtool anatomy: no process with PID 2147483647 (it may have exited); list processes with 'ps -e'");
        assertOneLine(CommandRun.of("anatomy", "--file", temp.resolve("none.smaps").toString()),
                ExitCode.INPUT_FAILURE, "vmtool anatomy: cannot read " + temp.resolve("none.smaps")
                        + ": no such file");
        assertOneLine(CommandRun.of("anatomy", "--file", "x", "--jvm"), ExitCode.USAGE,
                "vmtool anatomy: --jvm asks a live JVM: a saved file cannot be asked (see 'vmtool anatomy --help')");
        assertOneLine(CommandRun.of("anatomy", "--json", "--csv", "1"), ExitCode.USAGE,
                "vmtool anatomy: --json and --csv exclude each other: choose one (see 'vmtool anatomy --help')");
    }

    @Test
    void aFileThatIsNotSmapsIsOneLineWithItsLine() throws IOException {
        Path junk = Files.writeString(temp.resolve("junk.txt"), "hello world\n");

        CommandRun run = CommandRun.of("anatomy", "--file", junk.toString());

        assertThat(run.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("vmtool anatomy: ").contains(junk.toString());
    }

    @Test
    void jvmOfANonJvmIsOneLineAndTheAnatomyStillShown() {
        CommandRun run = CommandRun.of("anatomy", "--jvm", helper.pidArg());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEqualTo("vmtool anatomy: --jvm: process " + helper.pid() + " is not a HotSpot JVM"
                + " (no libjvm.so is mapped); the JVM's regions are shown as anonymous and reserved\n");
        assertThat(run.out()).contains(" kinds of region in ");
    }

    static void assertOneLine(CommandRun run, int status, String line) {
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(line + "\n");
        assertThat(run.status()).isEqualTo(status);
    }
}
