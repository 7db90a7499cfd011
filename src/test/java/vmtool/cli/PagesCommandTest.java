package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;
import vmtool.KernelSmaps;
import vmtool.Unprivileged;
import vmtool.UnprivilegedVmtool;
import vmtool.pages.PagesHelper;

/**
 * vmtool pages (and where --physical, touch --physical) as users run them, on src/test/c/pages.c: as root, and as
 * the unprivileged user on its own process; each count against smaps read at that moment, and the PAGEMAP_SCAN
 * read against the plain one (--no-scan); the bad input the issue lists.
 */
class PagesCommandTest {
    private static PagesHelper helper;

    @BeforeAll
    static void start() throws Exception {
        helper = PagesHelper.start(List.of(), PagesHelper.directory());
    }

    @AfterAll
    static void end() throws Exception {
        if (helper != null) {
            helper.close();
        }
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String pid(PagesHelper process) {
        return Integer.toString(process.pid());
    }

    /** smaps's Rss of each mapping, by start address, and the rollup's, read now. */
    private static Map<String, Long> rss(int pid) throws Exception {
        KernelSmaps smaps = KernelSmaps.of(pid);
        Map<String, Long> rss = new HashMap<>();
        for (String line : smaps.text().split("\n")) {
            int dash = line.indexOf('-');
            if (dash > 0 && line.indexOf(' ') > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                rss.put("0x" + Long.toHexString(start), smaps.kb(start, "Rss") + smaps.kb(start, "Shared_Hugetlb")
                        + smaps.kb(start, "Private_Hugetlb"));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                rss.put("total", Long.parseLong(line.substring(4, line.length() - 3).strip()));
            }
        }
        return rss;
    }

    /** Every mapping's rss_kb and the total's are smaps's, to the kB. */
    private static void assertRssIsSmaps(JsonObject pages, Map<String, Long> rss) {
        for (JsonElement element : pages.getAsJsonArray("mappings")) {
            JsonObject mapping = element.getAsJsonObject();
            assertThat(mapping.get("rss_kb").getAsLong()).as("%s", mapping)
                    .isEqualTo(rss.get(mapping.get("start").getAsString()));
        }
        assertThat(pages.getAsJsonObject("total").get("rss_kb").getAsLong()).isEqualTo(rss.get("total"));
    }

    /** smaps's Rss per mapping and in total, plus the zero page's kB that {@code known} counted there. */
    private static Map<String, Long> plusZeroPages(Map<String, Long> rss, JsonObject known) {
        Map<String, Long> sum = new HashMap<>(rss);
        for (JsonElement element : known.getAsJsonArray("mappings")) {
            JsonObject mapping = element.getAsJsonObject();
            sum.merge(mapping.get("start").getAsString(), mapping.get("zero_kb").getAsLong(), Long::sum);
        }
        sum.merge("total", known.getAsJsonObject("total").get("zero_kb").getAsLong(), Long::sum);
        return sum;
    }

    private static JsonObject mappingAt(JsonObject pages, long start) {
        for (JsonElement element : pages.getAsJsonArray("mappings")) {
            if (element.getAsJsonObject().get("start").getAsString().equals("0x" + Long.toHexString(start))) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no mapping at 0x" + Long.toHexString(start) + " in " + pages);
    }

    @Test
    void asRootTheTotalsAreSmapsAndBothReadsAgree() throws Exception {
        CommandRun scan = CommandRun.of("pages", "--json", "--frames", pid(helper));
        CommandRun plain = CommandRun.of("pages", "--json", "--frames", "--no-scan", pid(helper));
        CommandRun quick = CommandRun.of("pages", "--json", pid(helper));
        Map<String, Long> rss = rss(helper.pid());
        assertThat(scan.status()).as(scan.err()).isEqualTo(ExitCode.OK);
        assertThat(scan.err()).isEmpty();
        JsonSchemaCheck.assertValid("pages", scan.out());
        JsonSchemaCheck.assertValid("pages", plain.out());
        JsonObject a = json(scan.out());
        JsonObject b = json(plain.out());
        assertThat(a.get("method").getAsString()).isEqualTo("pagemap-scan");
        assertThat(b.get("method").getAsString()).isEqualTo("pagemap-read");
        assertThat(a.get("frames").getAsBoolean()).isTrue();
        assertThat(a.get("needs_root").isJsonNull()).isTrue();
        // Without --frames, root reads no kpageflags: those counts are unknown, and nothing is said.
        JsonObject c = json(quick.out());
        assertThat(quick.err()).isEmpty();
        assertThat(c.get("privileged").getAsBoolean()).isTrue();
        assertThat(c.get("frames").getAsBoolean()).isFalse();
        assertThat(c.getAsJsonObject("total").get("shared_frames_kb").isJsonNull()).isTrue();
        assertThat(c.getAsJsonObject("total").get("rss_kb")).isEqualTo(a.getAsJsonObject("total").get("rss_kb"));
        assertRssIsSmaps(a, rss);
        assertRssIsSmaps(b, rss);
        // Without the ioctl, root still knows zero and huge pages, from kpageflags: every count the same (but the
        // flags, which move as the kernel ages pages: referenced, active, idle).
        for (int i = 0; i < a.getAsJsonArray("mappings").size(); i++) {
            JsonObject scanned = a.getAsJsonArray("mappings").get(i).getAsJsonObject();
            JsonObject read = b.getAsJsonArray("mappings").get(i).getAsJsonObject();
            scanned.remove("flags");
            read.remove("flags");
            assertThat(read).as("the mapping at %s", read.get("start")).isEqualTo(scanned);
        }
    }

    @Test
    void unprivilegedOnItsOwnProcessEverythingButFrames() throws Exception {
        Unprivileged.account();
        try (PagesHelper own = PagesHelper.start(Unprivileged.asUser(), PagesHelper.directory())) {
            UnprivilegedVmtool.Run user = UnprivilegedVmtool.run("pages", "--json", "--frames", pid(own));
            UnprivilegedVmtool.Run userPlain = UnprivilegedVmtool.run("pages", "--json", "--no-scan", pid(own));
            CommandRun root = CommandRun.of("pages", "--json", "--frames", "--no-scan", pid(own));
            Map<String, Long> rss = rss(own.pid());
            assertThat(user.status()).as(user.err()).isEqualTo(ExitCode.OK);
            assertThat(user.err().lines().toList()).containsExactly("vmtool pages: frame numbers, and --frames"
                    + " (kpageflags and kpagecount: FRAMES>1, KSM, flags), need root: shown without them");
            JsonSchemaCheck.assertValid("pages", user.out());
            JsonObject pages = json(user.out());
            JsonObject plain = json(userPlain.out());
            JsonObject asRoot = json(root.out());
            assertThat(pages.get("frames").getAsBoolean()).isFalse();
            assertThat(pages.get("privileged").getAsBoolean()).isFalse();
            assertThat(pages.get("needs_root").getAsString()).contains("need root");
            assertRssIsSmaps(pages, rss);
            // Without the ioctl and without root, the zero page reads as a present page shared with someone: RSS
            // then counts it, and is smaps's Rss plus the zero pages that root sees.
            assertRssIsSmaps(plain, plusZeroPages(rss, asRoot));
            assertThat(plain.getAsJsonObject("total").get("zero_kb").isJsonNull())
                    .as("no zero pages known without the ioctl and without root").isTrue();
            for (int i = 0; i < pages.getAsJsonArray("mappings").size(); i++) {
                JsonObject mine = pages.getAsJsonArray("mappings").get(i).getAsJsonObject();
                JsonObject roots = asRoot.getAsJsonArray("mappings").get(i).getAsJsonObject();
                assertThat(mine.get("shared_frames_kb").isJsonNull()).isTrue();
                assertThat(mine.get("flags").isJsonNull()).isTrue();
                for (String key : List.of("size_kb", "rss_kb", "swapped_kb", "untouched_kb", "zero_kb", "huge_kb",
                        "exclusive_kb", "shared_kb", "file_kb", "anon_kb")) {
                    assertThat(mine.get(key)).as("%s of %s", key, mine.get("start")).isEqualTo(roots.get(key));
                }
            }
            KernelSmaps smaps = KernelSmaps.of(own.pid());
            long start = own.range("cow").start();
            JsonObject cow = mappingAt(pages, start);
            assertThat(cow.get("shared_kb").getAsLong())
                    .isEqualTo(smaps.kb(start, "Shared_Clean") + smaps.kb(start, "Shared_Dirty")).isEqualTo(64);

            UnprivilegedVmtool.Run where = UnprivilegedVmtool.run("where", "--physical", "--json", pid(own),
                    Long.toHexString(own.range("every_other").start()));
            assertThat(where.status()).as(where.err()).isEqualTo(ExitCode.OK);
            assertThat(where.err().lines().toList()).hasSize(1).first().asString().contains("need root");
            JsonObject physical = json(where.out()).getAsJsonArray("addresses").get(0).getAsJsonObject()
                    .getAsJsonObject("physical");
            assertThat(physical.get("present").getAsBoolean()).isTrue();
            assertThat(physical.get("frame").isJsonNull()).isTrue();
            // Present, exclusive or not (the child shares the page until one of them writes), no frame number.
            assertThat(physical.get("entry").getAsString()).matches("0x8[01]00000000000000");
        }
    }

    @Test
    void anotherUsersProcessIsRefusedInOneLine() throws Exception {
        Unprivileged.account();
        UnprivilegedVmtool.Run run = UnprivilegedVmtool.run("pages", pid(helper));
        assertThat(run.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1).first().asString().contains("permission denied");
        UnprivilegedVmtool.Run touch = UnprivilegedVmtool.run("touch", "1", "--seconds", "1", "--physical");
        assertThat(touch.status()).isEqualTo(ExitCode.TOUCH_FAILURE);
        assertThat(touch.err().lines().toList()).containsExactly("vmtool touch: --physical needs root: without"
                + " CAP_SYS_ADMIN pagemap gives 0 for every frame number; run it as root, or leave --physical out");
    }

    @Test
    void anAddressOrARangeReadsOnlyThat() {
        long start = helper.range("every_other").start();
        CommandRun address = CommandRun.of("pages", "--json", pid(helper), Long.toHexString(start + 0x1234));
        JsonObject one = json(address.out());
        assertThat(one.getAsJsonArray("mappings")).hasSize(1);
        assertThat(one.getAsJsonObject("total").get("size_kb").getAsLong()).isEqualTo(256);
        // Pages 1 to 4 (rounded out from 0x1234-0x4001): 2 and 4 are written.
        CommandRun range = CommandRun.of("pages", "--json", "--runs", "--frames", pid(helper),
                "0x" + Long.toHexString(start + 0x1234) + "-0x" + Long.toHexString(start + 0x4001));
        JsonObject part = json(range.out()).getAsJsonArray("mappings").get(0).getAsJsonObject();
        JsonSchemaCheck.assertValid("pages", range.out());
        assertThat(part.get("start").getAsString()).isEqualTo("0x" + Long.toHexString(start + 0x1000));
        assertThat(part.get("size_kb").getAsLong()).isEqualTo(16);
        assertThat(part.get("rss_kb").getAsLong()).isEqualTo(8);
        assertThat(part.getAsJsonArray("runs")).hasSize(4);
    }

    @Test
    void whereTellsTheFrameOfAHugePageAsRoot() throws Exception {
        long start = helper.range("huge").start();
        CommandRun run = CommandRun.of("where", "--physical", "--json", pid(helper),
                Long.toHexString(start + 0x2345));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        JsonObject physical = json(run.out()).getAsJsonArray("addresses").get(0).getAsJsonObject()
                .getAsJsonObject("physical");
        long frame = physical.get("frame").getAsLong();
        assertThat(frame).isPositive();
        assertThat(physical.get("physical_address").getAsString()).isEqualTo("0x" + Long.toHexString(frame * 4096
                + 0x345));
        assertThat(physical.get("offset").getAsLong()).isEqualTo(0x345);
        assertThat(physical.getAsJsonArray("page_tables").get(physical.getAsJsonArray("page_tables").size() - 1)
                .getAsJsonObject().get("index").getAsInt()).isEqualTo(2);
        // The child shares the pages it has not written.
        assertThat(physical.get("map_count").getAsLong()).isEqualTo(2);
        long hugeKb = KernelSmaps.of(helper.pid()).kb(start, "AnonHugePages");
        if (hugeKb == 8192) {
            assertThat(physical.get("compound_frames").getAsLong()).isEqualTo(512);
            assertThat(physical.get("compound_first_frame").getAsLong()).isEqualTo(frame - 2);
            assertThat(physical.getAsJsonArray("flags").toString()).contains("thp");
        } else {
            assertThat(physical.get("compound_frames").isJsonNull()).as("no THP: smaps says %d kB", hugeKb)
                    .isTrue();
        }
    }

    @Test
    void touchSaysWhereItsPagesAreAsRoot() {
        CommandRun run = CommandRun.of("touch", "1", "--seconds", "1", "--physical", "--json");
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonObject touch = json(run.out());
        assertThat(touch.getAsJsonArray("physical")).hasSize(2);
        for (JsonElement page : touch.getAsJsonArray("physical")) {
            assertThat(page.getAsJsonObject().get("frame").getAsLong()).isPositive();
            assertThat(page.getAsJsonObject().getAsJsonArray("flags").toString()).contains("anon");
        }
    }

    @Test
    void badInputIsOneLineWithItsStatus() throws Exception {
        long start = helper.range("every_other").start();
        String p = pid(helper);
        assertOneLine(CommandRun.of("pages", p, "0x1000"), ExitCode.DIFFERENT, "0x1000 is not mapped");
        assertOneLine(CommandRun.of("pages", p, "0x2000-0x1000"), ExitCode.USAGE, "is not a range");
        assertOneLine(CommandRun.of("pages", p, "0x1000-0x2000"), ExitCode.DIFFERENT, "no mapping in 0x1000-0x2000");
        assertOneLine(CommandRun.of("pages", p, "0xffff900000000000-0xffff900000001000"), ExitCode.DIFFERENT,
                "no mapping in");
        assertOneLine(CommandRun.of("pages", p, "zz"), ExitCode.USAGE, "'zz' is not an address");
        assertOneLine(CommandRun.of("pages", "--json", "--csv", p), ExitCode.USAGE, "exclude each other");
        assertOneLine(CommandRun.of("pages"), ExitCode.USAGE, "a PID is missing");
        assertOneLine(CommandRun.of("pages", "2"), ExitCode.INPUT_FAILURE, "is a kernel thread");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertOneLine(CommandRun.of("pages", Long.toString(gone.pid())), ExitCode.INPUT_FAILURE, "no process");
        assertOneLine(CommandRun.of("where", "--physical", "--file", "/dev/null", "0x1000"), ExitCode.USAGE,
                "a saved file has no pages");
        assertThat(CommandRun.of("pages", p, Long.toHexString(start)).status()).isEqualTo(ExitCode.OK);
    }

    private static void assertOneLine(CommandRun run, int status, String text) {
        assertThat(run.status()).as(run.err()).isEqualTo(status);
        assertThat(run.err().lines().toList()).as(run.err()).hasSize(1).first().asString().contains(text)
                .doesNotContain("Exception");
    }
}
