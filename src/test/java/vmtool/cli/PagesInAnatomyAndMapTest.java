package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.ExitCode;
import vmtool.KernelSmaps;
import vmtool.Unprivileged;
import vmtool.pages.PagesHelper;

/**
 * anatomy --pages and map on the pages helper (src/test/c/pages.c), whose regions' pages are in known states: each
 * kind's pages against the kernel's smaps of the same moment, and each drawn bar against what smaps says of its
 * region.
 */
class PagesInAnatomyAndMapTest {
    private static Path dir;
    private static PagesHelper helper;

    @BeforeAll
    static void start() throws Exception {
        dir = PagesHelper.directory();
        helper = PagesHelper.start(List.of(), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        helper.close();
        AnatomyHelper.deleteTree(dir);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run vmtool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Each kind's present pages counted in Rss are the kind's Rss in the same output (smaps, read just before). */
    @Test
    void eachKindsPagesAddUpToItsRss() {
        Run run = vmtool("anatomy", "--pages", "--json", Integer.toString(helper.pid()));

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        Map<String, Long> rss = new HashMap<>();
        for (JsonElement kind : json.getAsJsonArray("kinds")) {
            rss.put(kind.getAsJsonObject().get("kind").getAsString(), kind.getAsJsonObject().get("rss_kb").getAsLong());
        }
        JsonObject pages = json.getAsJsonObject("pages");
        assertThat(pages.get("frames").getAsBoolean()).as("kpageflags only with pages --frames").isFalse();
        List<String> kinds = new ArrayList<>();
        for (JsonElement element : pages.getAsJsonArray("kinds")) {
            JsonObject kind = element.getAsJsonObject();
            String id = kind.get("kind").getAsString();
            kinds.add(id);
            assertThat(kind.get("rss_kb").getAsLong()).as("%s: pages present and counted in Rss", id)
                    .isEqualTo(rss.get(id));
            assertThat(kind.get("size_kb").getAsLong()).as("%s: every page is in one state", id).isEqualTo(
                    kind.get("rss_kb").getAsLong() + kind.get("swapped_kb").getAsLong()
                            + kind.get("untouched_kb").getAsLong() + kind.get("zero_kb").getAsLong()
                            + uncounted(kind));
        }
        assertThat(kinds).containsExactlyElementsOf(rss.keySet().stream()
                .sorted((a, b) -> kinds.indexOf(a) - kinds.indexOf(b)).toList());
        assertThat(pages.getAsJsonObject("total").get("rss_kb").getAsLong())
                .isEqualTo(json.getAsJsonObject("total").get("rss_kb").getAsLong());
    }

    /** vvar's pages: present in pagemap, but no struct page stands behind them, so not in Rss. */
    private static long uncounted(JsonObject kind) {
        return kind.get("kind").getAsString().equals("vvar")
                ? kind.get("size_kb").getAsLong() - kind.get("rss_kb").getAsLong() - kind.get("untouched_kb").getAsLong()
                : 0;
    }

    @Test
    void theTextAndCsvCarryTheSameCounts() {
        Run text = vmtool("anatomy", "--pages", Integer.toString(helper.pid()));
        Run csv = vmtool("anatomy", "--pages", "--csv", Integer.toString(helper.pid()));

        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("pages of each kind (kB), read with ");
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains(",pages_rss_kb,pages_swapped_kb,");
    }

    /** A bar is drawn from where the pages are: the huge region in huge pages if smaps says so, every other page. */
    @Test
    void mapDrawsWhereThePagesAre() throws Exception {
        Run run = vmtool("map", Integer.toString(helper.pid()));
        KernelSmaps smaps = KernelSmaps.of(helper.pid());

        assertThat(run.status()).isZero();
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow()).contains("pages as pagemap shows them");
        PagesHelper.Range huge = helper.range("huge");
        String hugeBar = bar(run.out(), huge.start());
        long anonHuge = smaps.kb(huge.start(), "AnonHugePages");
        long size = (huge.end() - huge.start()) >> 10;
        assertThat(hugeBar).as("AnonHugePages %d kB of %d", anonHuge, size)
                .matches(anonHuge == size ? "H+" : anonHuge == 0 ? "#+" : "[H#:]+");
        // Every other page written: each slice holds about half its pages.
        assertThat(bar(run.out(), helper.range("every_other").start())).matches("[#:]+");
        PagesHelper.Range locked = helper.range("locked");
        assertThat(smaps.kb(locked.start(), "Rss")).isEqualTo((locked.end() - locked.start()) >> 10);
        assertThat(bar(run.out(), locked.start())).matches("#+");
    }

    @Test
    void svgAndHtmlDrawThePages() throws Exception {
        Run svg = vmtool("map", Integer.toString(helper.pid()), "--svg", "-");
        Run html = vmtool("map", Integer.toString(helper.pid()), "--html", "-");

        assertThat(svg.out()).contains("resident pages where they lie (pagemap)");
        Matcher slices = Pattern.compile("\"([RHPSN]{56})\"\\]").matcher(html.out());
        int mappings = 0;
        while (slices.find()) {
            mappings++;
        }
        assertThat(mappings).isEqualTo(KernelSmaps.of(helper.pid()).text().lines()
                .filter(line -> line.matches("^[0-9a-f]+-[0-9a-f]+ .*")).count());
    }

    /** A user's own process: every column, as root sees it (the kinds' page columns need no frame), status 0. */
    @Test
    void withoutRootTheOwnersProcessShowsAllButFrames() throws Exception {
        Path ownDir = PagesHelper.directory();
        try (PagesHelper own = PagesHelper.start(Unprivileged.asUser(), ownDir)) {
            List<String> command = new ArrayList<>(Unprivileged.asUser());
            // The JDK's flags for JNA (JdkFlags): JDK 22 and later warn on stderr without them.
            command.addAll(vmtool.ChildVmtool.command("anatomy", "--pages", Integer.toString(own.pid())));
            Process process = new ProcessBuilder(command).directory(Path.of("/").toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(err).isEqualTo(ExitCode.OK);
            assertThat(out).contains("pages of each kind (kB)").doesNotContain("FRAMES>1");
            // The kinds' columns use no frame: nothing is hidden, so nothing is said.
            assertThat(err).isEmpty();
        } finally {
            AnatomyHelper.deleteTree(ownDir);
        }
    }

    /**
     * pmap --json --pages saves each mapping's page states; pages, anatomy --pages and map read them back with --file
     * as they read the live process (a quiet one: the counts are the same; kpageflags' referenced and idle bits move).
     */
    @Test
    void aSnapshotWithPagesReadsBackAsTheLiveProcess(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String pid = Integer.toString(helper.pid());
        Run snapshot = vmtool("pmap", "--json", "--pages", pid);
        Run live = vmtool("pages", "--json", pid);

        assertThat(snapshot.status()).as(snapshot.err()).isZero();
        vmtool.JsonSchemaCheck.assertValid("address-space", snapshot.out());
        Path file = tmp.resolve("snapshot.json");
        java.nio.file.Files.writeString(file, snapshot.out());
        Run saved = vmtool("pages", "--json", "--file", file.toString());
        assertThat(saved.status()).as(saved.err()).isZero();
        assertThat(counts(saved.out())).isEqualTo(counts(live.out()));

        Run anatomy = vmtool("anatomy", "--pages", "--json", "--file", file.toString());
        assertThat(anatomy.status()).as(anatomy.err()).isZero();
        vmtool.JsonSchemaCheck.assertValid("anatomy", anatomy.out());
        assertThat(bar(vmtool("map", "--file", file.toString()).out(), helper.range("huge").start()))
                .isEqualTo(bar(vmtool("map", pid).out(), helper.range("huge").start()));
    }

    /** A snapshot whose page states were edited to say more pages than the mapping has: one line, status 4. */
    @Test
    void pageStatesThatDoNotAddUpAreRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String snapshot = vmtool("pmap", "--json", "--pages", Integer.toString(helper.pid())).out();
        Matcher size = Pattern.compile("\"pages\":\\{\"size_kb\":(\\d+)").matcher(snapshot);
        assertThat(size.find()).isTrue();
        String edited = snapshot.substring(0, size.start(1)) + (Long.parseLong(size.group(1)) + 4)
                + snapshot.substring(size.end(1));
        Path file = tmp.resolve("edited.json");
        java.nio.file.Files.writeString(file, edited);

        Run run = vmtool("pages", "--file", file.toString());

        assertThat(run.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(run.err().lines()).singleElement().asString().contains(file.toString())
                .contains("do not add up");
    }

    @Test
    void aFileWithoutPageStatesIsSaidSo() {
        String smaps = vmtool.Fixture.SAVED.resolve("differ-before.smaps").toString();

        for (String[] args : List.of(new String[] {"pages", "--file", smaps},
                new String[] {"anatomy", "--pages", "--file", smaps})) {
            Run run = vmtool(args);
            assertThat(run.status()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err().lines()).singleElement().asString().contains("page states");
        }
        assertThat(vmtool("pmap", "--pages", Integer.toString(helper.pid())).err()).contains("with --json");
    }

    /** Every mapping's counts in kB (not its flags) from pages --json, in order. */
    private static List<String> counts(String pagesJson) {
        List<String> counts = new ArrayList<>();
        for (JsonElement mapping : JsonParser.parseString(pagesJson).getAsJsonObject().getAsJsonArray("mappings")) {
            JsonObject object = mapping.getAsJsonObject().deepCopy();
            object.remove("flags");
            object.remove("runs");
            counts.add(object.toString());
        }
        return counts;
    }

    /** The bar drawn for the group that starts at {@code start}. */
    private static String bar(String map, long start) {
        Pattern line = Pattern.compile("^\\s*" + Long.toHexString(start) + "-\\s*[0-9a-f]+\\s+(\\S+)");
        for (String text : map.lines().toList()) {
            Matcher matcher = line.matcher(text);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line for " + Long.toHexString(start) + " in\n" + map);
    }
}
