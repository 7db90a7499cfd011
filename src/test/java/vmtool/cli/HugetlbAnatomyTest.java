package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.HugePages;

/**
 * A real MAP_HUGETLB mapping ({@code kinds hugetlb}): anatomy calls it {@code hugetlb}, not a deleted {@code file},
 * and its resident memory is what smaps puts in Shared_Hugetlb and Private_Hugetlb (smaps's Rss leaves it out).
 * The test reserves huge pages through /proc/sys/vm/nr_hugepages and gives the old value back ({@link HugePages}).
 */
@Timeout(120)
class HugetlbAnatomyTest {
    private static HugePages pages;
    private static KindsHelper helper;

    @BeforeAll
    static void reserveAndStart() throws IOException, InterruptedException {
        pages = HugePages.reserve(4);
        helper = KindsHelper.start(3, "hugetlb");
        Assumptions.assumeTrue(helper != null, "the kernel gave no huge pages (vm.nr_hugepages could not be raised)");
    }

    @AfterAll
    static void stopAndRestore() throws IOException, InterruptedException {
        if (helper != null) {
            helper.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void aHugetlbMappingIsItsOwnKindAndItsHugePagesAreResident() throws IOException {
        long hugetlbKb = helper.smapsKb("Shared_Hugetlb") + helper.smapsKb("Private_Hugetlb");
        CommandRun run = CommandRun.of("anatomy", "--json", helper.pidArg());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        JsonObject anatomy = JsonParser.parseString(run.out()).getAsJsonObject();

        assertThat(hugetlbKb).as("the helper touched its 2 MiB").isEqualTo(2048);
        JsonObject row = null;
        for (JsonElement element : anatomy.getAsJsonArray("kinds")) {
            if (element.getAsJsonObject().get("kind").getAsString().equals("hugetlb")) {
                row = element.getAsJsonObject();
            }
        }
        assertThat(row).as(run.out()).isNotNull();
        assertThat(row.get("mappings").getAsInt()).isEqualTo(1);
        assertThat(row.get("size_kb").getAsLong()).isEqualTo(2048);
        assertThat(row.get("rss_kb").getAsLong()).isEqualTo(hugetlbKb);
        assertThat(anatomy.getAsJsonArray("deleted")).as("not a deleted file").isEmpty();
    }
}
