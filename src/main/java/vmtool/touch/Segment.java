package vmtool.touch;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of one chunk that a worker touches between two looks at the stop flag.
 *
 * @param chunk the chunk
 * @param from  first byte within the chunk
 * @param to    byte just past the piece, within the chunk
 */
record Segment(Chunk chunk, int from, int to) {
    /**
     * Small enough that a worker sees a stop request within milliseconds. With N threads a segment is at most
     * 1/N of this, so that all threads' unfinished segments together stay this small when they share few CPUs.
     */
    static final int MAX_BYTES = 64 << 20;

    int length() {
        return to - from;
    }

    /**
     * Splits the memory into one list of segments per thread: contiguous, page-aligned slices in order, each
     * cut at chunk boundaries and at {@link #MAX_BYTES}.
     */
    static List<List<Segment>> plan(List<Chunk> chunks, long totalBytes, int threads, int pageSize) {
        List<List<Segment>> plans = new ArrayList<>();
        long maxBytes = Math.max(pageSize, alignDown(MAX_BYTES / threads, pageSize));
        for (int t = 0; t < threads; t++) {
            long start = alignDown(totalBytes * t / threads, pageSize);
            long end = t == threads - 1 ? totalBytes : alignDown(totalBytes * (t + 1) / threads, pageSize);
            plans.add(segments(chunks, start, end, maxBytes));
        }
        return plans;
    }

    private static List<Segment> segments(List<Chunk> chunks, long start, long end, long maxBytes) {
        List<Segment> segments = new ArrayList<>();
        for (Chunk chunk : chunks) {
            long from = Math.max(start, chunk.offset());
            long to = Math.min(end, chunk.offset() + chunk.size());
            for (long piece = from; piece < to; piece += maxBytes) {
                long pieceEnd = Math.min(to, piece + maxBytes);
                segments.add(new Segment(chunk, (int) (piece - chunk.offset()), (int) (pieceEnd - chunk.offset())));
            }
        }
        return segments;
    }

    private static long alignDown(long value, long alignment) {
        return value - value % alignment;
    }
}
