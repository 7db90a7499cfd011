package vmtool.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A mapping's runs, packed as they are made, come back as they were added, in order and one at a time. */
class PackedRunsTest {
    private static final long PAGE = 0x1000;

    private static List<PageRun> built(List<PageRun> runs) {
        PackedRuns.Builder builder = new PackedRuns.Builder(PAGE);
        for (PageRun run : runs) {
            builder.add(run.start(), run.end(), run.state(), run.firstFrame(), run.flags());
        }
        return builder.build();
    }

    @Test
    void manyRunsAcrossChunksAndIndexEntriesComeBackWhole() {
        // ~40,000 runs of 4-20 bytes each: several 64 KiB chunks and index entries; unknown frames and flags (-1),
        // long runs, frames and flags of many bytes.
        List<PageRun> runs = new ArrayList<>();
        long start = 0x7f0000000000L;
        for (int i = 0; i < 40_000; i++) {
            long pages = i % 7 == 0 ? 1L << 30 : 1 + i % 3;
            long end = start + pages * PAGE;
            long frame = i % 2 == 0 ? -1 : 0x4000000L + i;
            long flags = i % 3 == 0 ? -1 : (long) i << 20 | 1L << 62;
            runs.add(new PageRun(start, end, i % 64, frame, flags));
            start = end;
        }
        List<PageRun> packed = built(runs);

        assertThat(packed).isInstanceOf(PackedRuns.class).hasSize(runs.size());
        assertThat(new ArrayList<>(packed)).isEqualTo(runs);
        for (int i : new int[] {0, 1, 255, 256, 257, 12_345, 39_999}) {
            assertThat(packed.get(i)).isEqualTo(runs.get(i));
        }
        assertThat(packed).isEqualTo(runs);
        assertThatThrownBy(() -> packed.get(40_000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(PackedRuns.immutable(packed)).isSameAs(packed);
        assertThat(new MappingPages(null, null, packed).runs()).isSameAs(packed);
    }

    @Test
    void aFewRunsStayRecordsAndNoneIsAnEmptyList() {
        List<PageRun> two = List.of(new PageRun(0x1000, 0x3000, 1, -1, -1), new PageRun(0x3000, 0x4000, 0, -1, -1));
        assertThat(built(two)).isNotInstanceOf(PackedRuns.class).isEqualTo(two);
        assertThat(built(List.of())).isEmpty();
    }
}
