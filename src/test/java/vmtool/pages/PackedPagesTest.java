package vmtool.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Permissions;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/** A reader's compact list gives back each mapping's counts, range, flags and runs as they were added. */
class PackedPagesTest {
    private static final long PAGE = 0x1000;

    private static Region region(long start, long end) {
        Mapping mapping = new Mapping(start, end, Long.toHexString(start), Permissions.parse("rw-p"), "00000000",
                Device.parse("00:00"), "0", "", SmapsFields.none(), null);
        return new Region(mapping, MappingKind.ANONYMOUS, "", 0);
    }

    private static void add(PackedPages.Builder builder, MappingPages pages) {
        PageCounts c = pages.counts();
        builder.add(pages.target(), c.pages(), c.present(), c.swapped(), c.zero(), c.huge(), c.exclusive(), c.file(),
                c.uncounted(), c.sharedFrames(), c.ksm(), c.flagPages(), pages.runs());
    }

    @Test
    void everyCountComesBackWholeUnknownsLargeCountsPartialRangesFlagsAndRuns() {
        List<MappingPages> expected = new ArrayList<>();
        // Unknowns (-1), zeros, one-byte and many-byte counts, a 128 TiB reservation's pages.
        expected.add(new MappingPages(PageTarget.of(region(0x10000, 0x20000)),
                new PageCounts(PAGE, 16, 0, 0, -1, -1, 0, 0, 0, -1, -1, null), List.of()));
        expected.add(new MappingPages(new PageTarget(region(0x20000, 0x40000), 0x22000, 0x30000),
                new PageCounts(PAGE, 14, 127, 128, 16383, 16384, 1L << 40, 3, 5, 7, 0,
                        FlagCounts.of(perBit(5, 33))), List.of(new PageRun(0x22000, 0x30000, 1, 77, 3))));
        expected.add(new MappingPages(PageTarget.of(region(0x1000000000L, 0x801000000000L)),
                new PageCounts(PAGE, (0x801000000000L - 0x1000000000L) / PAGE, Long.MAX_VALUE - 1, 0, 0, 0, 0, 0,
                        0, 0, 0, FlagCounts.NONE), List.of()));
        // A builder that must grow past what it expected.
        PackedPages.Builder builder = new PackedPages.Builder(PAGE, 1);
        for (MappingPages pages : expected) {
            add(builder, pages);
        }
        PackedPages packed = builder.build();

        assertThat(packed).hasSize(3).containsExactlyElementsOf(expected);
        assertThat(packed.get(1).target().whole()).isFalse();
        assertThat(packed.get(1).counts().flagPages().get(33)).isEqualTo(1);
        assertThat(packed.get(0).counts().flagPages()).isNull();
        assertThatThrownBy(() -> packed.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aReportKeepsThePackedListAsItIsAndEqualsOneFromAPlainList() {
        MappingPages one = new MappingPages(PageTarget.of(region(0x10000, 0x12000)),
                new PageCounts(PAGE, 2, 2, 0, 0, 0, 2, 0, 0, -1, -1, null), List.of());
        PackedPages.Builder builder = new PackedPages.Builder(PAGE, 1);
        add(builder, one);
        PackedPages packed = builder.build();
        PageReport report = new PageReport(1, ReadMethod.PAGEMAP_SCAN, null, false, false, PAGE, packed);

        assertThat(report.mappings()).isSameAs(packed);
        assertThat(report).isEqualTo(new PageReport(1, ReadMethod.PAGEMAP_SCAN, null, false, false, PAGE,
                List.of(one)));
    }

    private static long[] perBit(int bit, int otherBit) {
        long[] counts = new long[64];
        counts[bit] = 2;
        counts[otherBit] = 1;
        return counts;
    }
}
