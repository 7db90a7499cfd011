package vmtool.pages;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One mapping's runs as {@link PageCounter} makes them, held compactly: each run as its pages, state, first frame
 * and flags in a few bytes (its start is the last one's end), each {@link PageRun} made again when asked for. A
 * mapping of 8 GiB with every other page present has 2M runs: ~100 MB as records, which no small heap holds, ~10-15
 * MB packed ({@link ByteChunks}). A mapping of a few runs keeps them as records, which cost less than the packing's
 * arrays. Read in order (iteration, what every output does); {@link #get} from the nearest of an index kept every
 * {@link #STRIDE} runs. Immutable once built.
 */
final class PackedRuns extends AbstractList<PageRun> {
    /** Runs between two entries of the index. */
    private static final int STRIDE = 256;
    /** Up to this many runs, a mapping's are kept as records. */
    private static final int FEW = 16;

    private final long pageSize;
    private final int size;
    /** The runs, each as four numbers: pages, state, first frame + 1, flags + 1 (-1 is 0). */
    private final ByteChunks bytes;
    /** For every STRIDE-th run: where it begins in the bytes, and its start address. */
    private final int[] indexAt;
    private final long[] indexStart;

    private PackedRuns(Builder builder) {
        this.pageSize = builder.pageSize;
        this.size = builder.size;
        this.bytes = builder.bytes;
        this.indexAt = Arrays.copyOf(builder.indexAt, (size + STRIDE - 1) / STRIDE);
        this.indexStart = Arrays.copyOf(builder.indexStart, (size + STRIDE - 1) / STRIDE);
    }

    /** {@code runs} as a list no one can change: this list itself, or an immutable copy. */
    static List<PageRun> immutable(List<PageRun> runs) {
        return runs instanceof PackedRuns ? runs : List.copyOf(runs);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public PageRun get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Reading reading = new Reading(indexAt[index / STRIDE], indexStart[index / STRIDE]);
        for (int skip = index % STRIDE; skip > 0; skip--) {
            reading.next();
        }
        return reading.next();
    }

    @Override
    public Iterator<PageRun> iterator() {
        return new Iterator<>() {
            private final Reading reading = new Reading(0, size == 0 ? 0 : indexStart[0]);
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public PageRun next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                next++;
                return reading.next();
            }
        };
    }

    /** The runs read in order from byte {@code at}, the first starting at {@code start}. */
    private final class Reading {
        private final ByteChunks.Reader in;
        private long start;

        Reading(int at, long start) {
            this.in = bytes.reader(at);
            this.start = start;
        }

        PageRun next() {
            long end = start + in.next() * pageSize;
            int state = (int) in.next();
            long firstFrame = in.next() - 1;
            long flags = in.next() - 1;
            PageRun run = new PageRun(start, end, state, firstFrame, flags);
            start = end;
            return run;
        }
    }

    /** Adds one mapping's runs in address order, each starting where the last ended; then {@link #build}. */
    static final class Builder {
        private final long pageSize;
        /** The first runs, as records; null once there were more than {@link #FEW}, which are packed. */
        private List<PageRun> few = new ArrayList<>();
        private int size;
        private ByteChunks bytes;
        private int[] indexAt;
        private long[] indexStart;

        Builder(long pageSize) {
            this.pageSize = pageSize;
        }

        void add(long start, long end, int state, long firstFrame, long flags) {
            if (few != null) {
                if (few.size() < FEW) {
                    few.add(new PageRun(start, end, state, firstFrame, flags));
                    return;
                }
                bytes = new ByteChunks();
                indexAt = new int[1];
                indexStart = new long[1];
                for (PageRun run : few) {
                    pack(run.start(), run.end(), run.state(), run.firstFrame(), run.flags());
                }
                few = null;
            }
            pack(start, end, state, firstFrame, flags);
        }

        private void pack(long start, long end, int state, long firstFrame, long flags) {
            if (size % STRIDE == 0) {
                int entry = size / STRIDE;
                if (entry == indexAt.length) {
                    indexAt = Arrays.copyOf(indexAt, 2 * entry);
                    indexStart = Arrays.copyOf(indexStart, 2 * entry);
                }
                indexAt[entry] = bytes.length();
                indexStart[entry] = start;
            }
            bytes.put((end - start) / pageSize);
            bytes.put(state);
            bytes.put(firstFrame + 1);
            bytes.put(flags + 1);
            size++;
        }

        /** The runs added: as records when they were few. */
        List<PageRun> build() {
            return few != null ? List.copyOf(few) : new PackedRuns(this);
        }
    }
}
