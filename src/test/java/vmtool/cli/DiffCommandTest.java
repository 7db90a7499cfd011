package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmtool.KernelSmaps;
import vmtool.anatomy.Sizes;

/**
 * {@code vmtool diff} of two snapshots of a process of the test's own (src/test/c/differ.c) that maps, grows,
 * unmaps and splits regions between them: the diff must list exactly those changes, and nothing else, each with the
 * figures the kernel reported at the moment of each snapshot (smaps, read by the test): how much a fault makes
 * resident differs by kernel (THP, mTHP, the zero page), and the test assumes none of it.
 */
class DiffCommandTest {
    private static final long PAGE = 4096;

    @TempDir
    static Path dir;
    private static Path before;
    private static Path after;
    private static Path afterSmaps;
    private static KernelSmaps kernelBefore;
    private static KernelSmaps kernelAfter;
    private static long[] added;
    private static long[] removed;
    private static long[] grown;
    private static long[] split;

    @BeforeAll
    static void snapshots() throws Exception {
        try (DifferHelper helper = DifferHelper.start()) {
            String pid = Long.toString(helper.pid());
            // The helper is quiet between its steps: smaps read after each snapshot is the snapshot's moment.
            before = snapshot("before.json", pid);
            kernelBefore = KernelSmaps.of(helper.pid());
            helper.step();
            after = snapshot("after.json", pid);
            kernelAfter = KernelSmaps.of(helper.pid());
            afterSmaps = dir.resolve("after.smaps");
            Files.writeString(afterSmaps, kernelAfter.text(), StandardCharsets.ISO_8859_1);
            added = helper.region("added");
            removed = helper.region("removed");
            grown = helper.region("grown");
            split = helper.region("split");
        }
        // What the helper did shows in the kernel's figures: else the diff would have nothing to find.
        assertThat(kernelAfter.kb(added[0], "Rss")).as("the added region's written pages").isPositive();
        assertThat(kernelBefore.kb(removed[0], "Rss")).as("the removed region's written pages").isPositive();
        assertThat(kernelAfter.kb(grown[0], "Rss")).as("the grown region, after its step")
                .isGreaterThan(kernelBefore.kb(grown[0], "Rss"));
    }

    /** Rss of the split region's three parts after the step (they start at its pages 0, 6 and 10). */
    private static long splitRssAfter() {
        return kernelAfter.kb(split[0], "Rss") + kernelAfter.kb(split[0] + 6 * PAGE, "Rss")
                + kernelAfter.kb(split[0] + 10 * PAGE, "Rss");
    }

    private static Path snapshot(String name, String pid) throws Exception {
        CommandRun run = CommandRun.of("pmap", "--json", pid);
        assertThat(run.status()).as(run.err()).isZero();
        Path file = dir.resolve(name);
        Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        return file;
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    @Test
    void listsExactlyWhatTheProcessChanged() {
        CommandRun run = CommandRun.of("diff", "--json", before.toString(), after.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isEqualTo(1);
        JsonObject diff = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(diff.get("differs").getAsBoolean()).isTrue();

        JsonArray addedList = diff.getAsJsonArray("added");
        assertThat(addedList).hasSize(1);
        JsonObject a = addedList.get(0).getAsJsonObject();
        assertThat(a.get("start").getAsString()).isEqualTo(hex(added[0]));
        assertThat(a.get("end").getAsString()).isEqualTo(hex(added[1]));
        assertThat(a.get("kind").getAsString()).isEqualTo("anonymous");
        assertThat(a.get("rss_kb").getAsLong()).isEqualTo(kernelAfter.kb(added[0], "Rss"));

        JsonArray removedList = diff.getAsJsonArray("removed");
        assertThat(removedList).hasSize(1);
        JsonObject r = removedList.get(0).getAsJsonObject();
        assertThat(r.get("start").getAsString()).isEqualTo(hex(removed[0]));
        assertThat(r.get("end").getAsString()).isEqualTo(hex(removed[1]));
        assertThat(r.get("rss_kb").getAsLong()).isEqualTo(kernelBefore.kb(removed[0], "Rss"));

        JsonArray changed = diff.getAsJsonArray("changed");
        List<String> described = new ArrayList<>();
        for (JsonElement element : changed) {
            JsonObject change = element.getAsJsonObject();
            described.add(change.get("match").getAsString() + " "
                    + change.getAsJsonArray("before").get(0).getAsJsonObject().get("start").getAsString());
        }
        assertThat(described).as("every change, and no other").containsExactly(
                "same range " + hex(grown[0]), "split " + hex(split[0]));

        JsonObject grew = changed.get(0).getAsJsonObject();
        JsonObject delta = grew.getAsJsonObject("delta");
        assertThat(delta.get("size_kb").getAsLong()).isZero();
        assertThat(delta.get("rss_kb").getAsLong())
                .isEqualTo(kernelAfter.kb(grown[0], "Rss") - kernelBefore.kb(grown[0], "Rss"));
        assertThat(delta.get("pss_kb").getAsLong())
                .isEqualTo(kernelAfter.kb(grown[0], "Pss") - kernelBefore.kb(grown[0], "Pss"));
        assertThat(delta.get("dirty_kb").getAsLong())
                .isEqualTo(kernelAfter.dirtyKb(grown[0]) - kernelBefore.dirtyKb(grown[0]));
        assertThat(delta.get("swap_kb").getAsLong()).isZero();

        JsonObject splitChange = changed.get(1).getAsJsonObject();
        assertThat(splitChange.getAsJsonArray("before")).hasSize(1);
        JsonArray parts = splitChange.getAsJsonArray("after");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1).getAsJsonObject().get("perms").getAsString()).isEqualTo("r--p");
        assertThat(parts.get(1).getAsJsonObject().get("start").getAsString()).isEqualTo(hex(split[0] + 6 * 4096));
        assertThat(splitChange.getAsJsonObject("delta").get("rss_kb").getAsLong())
                .isEqualTo(splitRssAfter() - kernelBefore.kb(split[0], "Rss"));

        // The totals: what was added, removed, grown and split, and nothing else changed; two more mappings (one
        // added, one removed, one split into three).
        JsonObject total = diff.getAsJsonObject("total");
        assertThat(total.get("mappings_after").getAsInt() - total.get("mappings_before").getAsInt()).isEqualTo(2);
        assertThat(total.getAsJsonObject("change").get("rss_kb").getAsLong()).isEqualTo(
                kernelAfter.kb(added[0], "Rss") - kernelBefore.kb(removed[0], "Rss")
                        + kernelAfter.kb(grown[0], "Rss") - kernelBefore.kb(grown[0], "Rss")
                        + splitRssAfter() - kernelBefore.kb(split[0], "Rss"));
        assertThat(total.getAsJsonObject("change").get("size_kb").getAsLong()).isEqualTo(128 - 256);
    }

    @Test
    void textNamesEachChange() {
        CommandRun run = CommandRun.of("diff", before.toString(), after.toString());
        assertThat(run.status()).isEqualTo(1);
        long addedRss = kernelAfter.kb(added[0], "Rss");
        long removedRss = kernelBefore.kb(removed[0], "Rss");
        assertThat(run.out()).contains("--- " + before + "\n+++ " + after + "\n",
                "added: 1 mapping, 128 kB (Rss " + Sizes.human(addedRss) + ")\n  + " + hex(added[0]) + "-"
                        + hex(added[1]) + " rw-p anonymous  128 kB, Rss " + addedRss + " kB\n",
                "removed: 1 mapping, 256 kB (Rss " + Sizes.human(removedRss) + ")\n",
                "  ~ " + hex(grown[0]) + "-" + hex(grown[1]) + " rw-p anonymous: " + grownChanges() + "\n",
                "  ~ split anonymous: same sizes\n",
                "per kind (kB):\n");
    }

    /**
     * How the text names what changed in "grown", from the kernel's figures: each of Rss, Pss and Dirty that
     * changed, as {@code Rss +256 kB (64 -> 320)}.
     */
    private static String grownChanges() {
        long[][] figures = {
            {kernelBefore.kb(grown[0], "Rss"), kernelAfter.kb(grown[0], "Rss")},
            {kernelBefore.kb(grown[0], "Pss"), kernelAfter.kb(grown[0], "Pss")},
            {kernelBefore.dirtyKb(grown[0]), kernelAfter.dirtyKb(grown[0])}};
        String[] labels = {"Rss", "Pss", "Dirty"};
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            long was = figures[i][0];
            long now = figures[i][1];
            if (was != now) {
                changes.add(labels[i] + " " + (now > was ? "+" : "") + (now - was) + " kB (" + was + " -> " + now
                        + ")");
            }
        }
        return String.join(", ", changes);
    }

    @Test
    void aSavedSmapsComparesAsTheSnapshotOfTheSameMoment() {
        CommandRun json = CommandRun.of("diff", "--csv", before.toString(), after.toString());
        CommandRun mixed = CommandRun.of("diff", "--csv", before.toString(), afterSmaps.toString());
        assertThat(mixed.status()).isEqualTo(1);
        assertThat(mixed.out()).isEqualTo(json.out());
        assertThat(json.out()).startsWith("section,match,kind,name,before_start,before_end,before_perms,after_start,");
        assertThat(json.out()).contains("\r\nadded,,anonymous,,,,," + hex(added[0]) + "," + hex(added[1]) + ",rw-p,0,1,");
    }

    @Test
    void aSnapshotAgainstItselfDoesNotDiffer() {
        CommandRun run = CommandRun.of("diff", after.toString(), after.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("no mapping was added, removed or changed");
        CommandRun json = CommandRun.of("diff", "--json", afterSmaps.toString(), after.toString());
        assertThat(json.status()).as(json.out()).isZero();
    }

    @Test
    void badInputIsOneLineAndItsStatus() throws Exception {
        CommandRun one = CommandRun.of("diff", before.toString());
        assertThat(one.status()).isEqualTo(2);
        assertThat(one.err()).startsWith("vmtool diff: two snapshots A and B, not 1").hasLineCount(1);
        CommandRun both = CommandRun.of("diff", "--json", "--csv", before.toString(), after.toString());
        assertThat(both.status()).isEqualTo(2);
        CommandRun missing = CommandRun.of("diff", before.toString(), dir.resolve("nothing.json").toString());
        assertThat(missing.status()).isEqualTo(4);
        assertThat(missing.err()).isEqualTo("vmtool diff: cannot read " + dir.resolve("nothing.json")
                + ": no such file\n");
        Path maps = dir.resolve("maps");
        Files.writeString(maps, "55d0c0a00000-55d0c0a01000 r--p 00000000 fe:00 12 /usr/bin/x\n");
        CommandRun mapsRun = CommandRun.of("diff", maps.toString(), after.toString());
        assertThat(mapsRun.status()).isEqualTo(2);
        assertThat(mapsRun.err()).contains("is a saved /proc/PID/maps, which has no Rss").hasLineCount(1);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schema\":");
        assertThat(CommandRun.of("diff", broken.toString(), after.toString()).status()).isEqualTo(4);
    }
}
