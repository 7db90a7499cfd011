package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentTest {
    @ParameterizedTest
    @CsvSource({"1, 1", "100, 1", "100, 3", "200, 2", "7, 5"})
    void planCoversEveryByteOnceInOrder(int megabytes, int threads) {
        long total = megabytes * TouchOptions.BYTES_PER_MEGABYTE;
        // Chunks of 48 MiB stand in for the 1 GiB ones, so a small test crosses chunk boundaries.
        int chunkBytes = 48 << 20;
        List<Chunk> chunks = new java.util.ArrayList<>();
        for (long offset = 0; offset < total; offset += chunkBytes) {
            int size = (int) Math.min(chunkBytes, total - offset);
            chunks.add(new Chunk(ByteBuffer.allocate(size), 0x10000 + offset, offset));
        }

        List<List<Segment>> plans = Segment.plan(chunks, total, threads, 4096);

        assertThat(plans).hasSize(threads);
        long expected = 0;
        for (List<Segment> plan : plans) {
            for (Segment segment : plan) {
                assertThat(segment.chunk().offset() + segment.from()).isEqualTo(expected);
                assertThat(segment.length()).isPositive().isLessThanOrEqualTo(Segment.MAX_BYTES);
                assertThat(segment.from() % 4096).isZero();
                expected += segment.length();
            }
        }
        assertThat(expected).isEqualTo(total);
    }
}
