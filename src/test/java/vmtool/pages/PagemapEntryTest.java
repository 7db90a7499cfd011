package vmtool.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Permissions;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/** Decoding entries as docs/pages.md lays them out, and runs built from pages handed over. */
class PagemapEntryTest {
    @Test
    void aTouchedPageReadAsAUserIsPresentAndExclusiveWithNoFrame() {
        PagemapEntry entry = new PagemapEntry(0x8100000000000000L);
        assertThat(entry.present()).isTrue();
        assertThat(entry.exclusive()).isTrue();
        assertThat(entry.file()).isFalse();
        assertThat(entry.frame()).isZero();
        assertThat(entry.hex()).isEqualTo("8100000000000000");
    }

    @Test
    void aLibraryPageIsPresentAndFileWithItsFrameForRoot() {
        PagemapEntry entry = new PagemapEntry(0xa000000000002859L);
        assertThat(entry.present()).isTrue();
        assertThat(entry.file()).isTrue();
        assertThat(entry.exclusive()).isFalse();
        assertThat(entry.frame()).isEqualTo(0x2859);
    }

    @Test
    void aSwappedEntryHoldsTypeAndOffset() {
        long raw = (1L << 62) | (0x1234L << 5) | 3;
        PagemapEntry entry = new PagemapEntry(raw);
        assertThat(entry.swapped()).isTrue();
        assertThat(entry.present()).isFalse();
        assertThat(entry.swapType()).isEqualTo(3);
        assertThat(entry.swapOffset()).isEqualTo(0x1234);
        assertThat(entry.frame()).isZero();
        assertThat(new PagemapEntry(0).untouched()).isTrue();
    }

    @Test
    void kpageflagsNamesItsBits() {
        long raw = 1L << KernelPageFlags.ANON | 1L << KernelPageFlags.THP | 1L << 3 | 1L << 33 | 1L << 50;
        assertThat(KernelPageFlags.names(raw)).containsExactly("uptodate", "anon", "thp", "mlocked", "bit50");
        assertThat(new KernelPageFlags(raw).has(KernelPageFlags.THP)).isTrue();
    }

    @Test
    void runsCoverTheRangeAndSplitOnStateAndOnFramesThatDoNotFollow() {
        Mapping mapping = new Mapping(0x10000, 0x18000, "00010000", Permissions.parse("rw-p"), "00000000",
                Device.parse("00:00"), "0", "", SmapsFields.none(), null);
        PageTarget target = PageTarget.of(new Region(mapping, MappingKind.ANONYMOUS, "", 0));
        PageCounter counter = new PageCounter(target, 0x1000, true, true, true);
        int present = PageState.PRESENT | PageState.EXCLUSIVE;
        counter.page(0x11000, present, 100, 0b1100);
        counter.page(0x12000, present, 101, 0b0100);
        counter.page(0x13000, present, 300, 0b0100);
        counter.page(0x15000, PageState.SWAPPED, -1, 0);
        PackedPages.Builder packed = new PackedPages.Builder(0x1000, 1);
        counter.finish(packed);
        MappingPages pages = packed.build().get(0);
        assertThat(pages.runs()).containsExactly(
                new PageRun(0x10000, 0x11000, 0, -1, -1),
                new PageRun(0x11000, 0x13000, present, 100, 0b0100),
                new PageRun(0x13000, 0x14000, present, 300, 0b0100),
                new PageRun(0x14000, 0x15000, 0, -1, -1),
                new PageRun(0x15000, 0x16000, PageState.SWAPPED, -1, -1),
                new PageRun(0x16000, 0x18000, 0, -1, -1));
        PageCounts counts = pages.counts();
        assertThat(List.of(counts.pages(), counts.present(), counts.swapped(), counts.untouched(),
                counts.exclusive(), counts.flagPages().get(2), counts.flagPages().get(3)))
                .containsExactly(8L, 3L, 1L, 4L, 3L, 3L, 1L);
    }
}
