package vmtool.pages;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import vmtool.model.Region;

/**
 * The pages of each mapping a {@link PageReader} read, held compactly, each {@link MappingPages} made again when
 * asked for: a mapping's counts as a few bytes ({@link ByteChunks}: most counts are small), and its range only when
 * it is not the whole mapping. A {@link PageCounts} and a {@link PageTarget} per mapping are ~140 bytes, which a
 * 60,000-mapping process's report held ~8 MB of (the 64 MiB target of docs/performance.md). Immutable once built.
 */
final class PackedPages extends AbstractList<MappingPages> implements RandomAccess {
    private final long pageSize;
    private final int size;
    private final Region[] regions;
    /** Each mapping's range, start and end, when some range is part of a mapping (else null); 0, 0 when whole. */
    private final long[] bounds;
    /** Where each mapping's counts begin in {@link #counts}. */
    private final int[] offsets;
    /** The counts in {@link PageCounts}' order (its page size and flags aside), each + 1 (an unknown -1 is 0). */
    private final ByteChunks counts;
    /** Each mapping's flag counts, or null when no mapping has any (not root, or no --frames). */
    private final FlagCounts[] flags;
    /** Each mapping's runs, or null when no mapping has any. */
    private final List<?>[] runs;

    /** The builder's arrays, which it no longer touches: no copy (the mappings' number was known). */
    private PackedPages(Builder builder) {
        this.pageSize = builder.pageSize;
        this.size = builder.size;
        this.regions = builder.regions;
        this.bounds = builder.bounds;
        this.offsets = builder.offsets;
        this.counts = builder.counts;
        this.flags = builder.flags;
        this.runs = builder.runs;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MappingPages get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        ByteChunks.Reader in = counts.reader(offsets[index]);
        PageCounts values = new PageCounts(pageSize, in.next() - 1, in.next() - 1, in.next() - 1, in.next() - 1,
                in.next() - 1, in.next() - 1, in.next() - 1, in.next() - 1, in.next() - 1, in.next() - 1,
                flags == null ? null : flags[index]);
        Region region = regions[index];
        PageTarget target = bounds == null || bounds[2 * index] == bounds[2 * index + 1] ? PageTarget.of(region)
                : new PageTarget(region, bounds[2 * index], bounds[2 * index + 1]);
        @SuppressWarnings("unchecked")
        List<PageRun> mappingRuns = runs == null || runs[index] == null ? List.of() : (List<PageRun>) runs[index];
        return new MappingPages(target, values, mappingRuns);
    }

    /** Adds the mappings in address order, then {@link #build}s the list once; not used after that. */
    static final class Builder {
        private final long pageSize;
        private int size;
        private Region[] regions;
        private long[] bounds;
        private int[] offsets;
        private final ByteChunks counts = new ByteChunks();
        private FlagCounts[] flags;
        private List<?>[] runs;

        /** For {@code expected} mappings. */
        Builder(long pageSize, int expected) {
            this.pageSize = pageSize;
            this.regions = new Region[Math.max(1, expected)];
            this.offsets = new int[regions.length];
        }

        /** One mapping's counts (each -1 when not known, else at least 0), flag counts (or null) and runs. */
        void add(PageTarget target, long pages, long present, long swapped, long zero, long huge, long exclusive,
                 long file, long uncounted, long sharedFrames, long ksm, FlagCounts flagCounts,
                 List<PageRun> runList) {
            if (size == regions.length) {
                int capacity = 2 * size;
                regions = Arrays.copyOf(regions, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
                bounds = bounds == null ? null : Arrays.copyOf(bounds, 2 * capacity);
                flags = flags == null ? null : Arrays.copyOf(flags, capacity);
                runs = runs == null ? null : Arrays.copyOf(runs, capacity);
            }
            regions[size] = target.region();
            if (!target.whole()) {
                if (bounds == null) {
                    bounds = new long[2 * regions.length];
                }
                bounds[2 * size] = target.start();
                bounds[2 * size + 1] = target.end();
            }
            offsets[size] = counts.length();
            if (flagCounts != null) {
                if (flags == null) {
                    flags = new FlagCounts[regions.length];
                }
                flags[size] = flagCounts;
            }
            if (!runList.isEmpty()) {
                if (runs == null) {
                    runs = new List<?>[regions.length];
                }
                runs[size] = PackedRuns.immutable(runList);
            }
            counts.put(pages + 1);
            counts.put(present + 1);
            counts.put(swapped + 1);
            counts.put(zero + 1);
            counts.put(huge + 1);
            counts.put(exclusive + 1);
            counts.put(file + 1);
            counts.put(uncounted + 1);
            counts.put(sharedFrames + 1);
            counts.put(ksm + 1);
            size++;
        }

        PackedPages build() {
            return new PackedPages(this);
        }
    }
}
