package vmtool.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.Region;
import vmtool.pages.MappingPages;
import vmtool.pages.PageReport;
import vmtool.pages.PageRun;
import vmtool.pages.PageState;
import vmtool.pages.PageTarget;
import vmtool.pages.RunSink;

/**
 * Where a region's pages really are, from its pagemap runs ({@code vmtool pages}' reading): what each slice of a
 * drawn bar shows, so that a map places what is resident, in huge pages or swapped where it lies in the region
 * rather than shading a uniform part of it. Without it (a saved file without page states) a bar shades its Rss share
 * from the start.
 *
 * <p>Each mapping's runs are folded, as the reader makes them (a {@link RunSink}), into at most {@link #BINS} bins of
 * page counts, and dropped: a mapping whose pages alternate has a million runs, which a map needs no more than as
 * the few dozen slices it draws.
 */
public final class Residency implements RunSink {
    /** Bins per mapping at most: finer than any bar is drawn (56 slices on the page, 70 in the SVG, 24 on a terminal). */
    static final int BINS = 280;

    /** What a slice of a bar shows. */
    public enum Slice {
        /** At least half its pages are present (most of them in huge pages: {@link #HUGE}). */
        RESIDENT,
        /** Present, and most of what is present is in huge pages. */
        HUGE,
        /** Some of its pages are present, fewer than half. */
        PARTLY,
        /** At least half its pages are in swap. */
        SWAPPED,
        /** Mostly never touched. */
        NONE
    }

    /** One mapping's pages by bin, each bin an equal part of its range. */
    private record Bins(float[] present, float[] huge, float[] swapped) {
    }

    private final long pageSize;
    private final Map<Long, Bins> byStart = new HashMap<>();
    /** The mapping whose runs come now: its start, end and bins. */
    private long start;
    private double width;
    private Bins bins;

    /** An empty one, filled as a reader hands it each mapping's runs. */
    public Residency(long pageSize) {
        this.pageSize = pageSize;
    }

    /** From a report read with runs (a snapshot's page states). */
    public static Residency of(PageReport report) {
        Residency residency = new Residency(report.pageSize());
        for (MappingPages mapping : report.mappings()) {
            residency.begin(mapping.target());
            for (PageRun run : mapping.runs()) {
                residency.run(run);
            }
        }
        return residency;
    }

    @Override
    public void begin(PageTarget target) {
        start = target.region().mapping().start();
        long end = target.region().mapping().end();
        int n = (int) Math.min(BINS, Math.max(1, (end - start) / pageSize));
        bins = new Bins(new float[n], new float[n], new float[n]);
        width = (double) (end - start) / n;
        byStart.put(start, bins);
    }

    /** Folds a run into the bins of its mapping. */
    @Override
    public void run(PageRun run) {
        int n = bins.present().length;
        int state = run.state();
        // The shared zero page is present in pagemap but holds nothing of the process's (nor is it Rss).
        if ((state & (PageState.PRESENT | PageState.SWAPPED)) == 0 || (state & PageState.ZERO) != 0) {
            return;
        }
        int first = slice(run.start(), start, width, n);
        int last = slice(run.end() - 1, start, width, n);
        for (int b = first; b <= last; b++) {
            float runPages = (float) (Math.max(0, Math.min(run.end() - start, (b + 1) * width)
                    - Math.max(run.start() - start, b * width)) / pageSize);
            if ((state & PageState.SWAPPED) != 0) {
                bins.swapped()[b] += runPages;
            } else {
                bins.present()[b] += runPages;
                if ((state & PageState.HUGE) != 0) {
                    bins.huge()[b] += runPages;
                }
            }
        }
    }

    /**
     * The group of adjacent regions (first to last, address order) cut into {@code n} equal slices, each told by the
     * pages in it: a slice with any page present is at least {@link Slice#PARTLY}, so a sparse region is not drawn
     * empty.
     */
    public Slice[] slices(List<Region> group, int n) {
        long start = group.get(0).mapping().start();
        long end = group.get(group.size() - 1).mapping().end();
        double width = (double) (end - start) / n;
        double[] present = new double[n];
        double[] huge = new double[n];
        double[] swapped = new double[n];
        for (Region region : group) {
            Bins bins = byStart.get(region.mapping().start());
            if (bins == null) {
                continue;
            }
            long from = region.mapping().start();
            int count = bins.present().length;
            double binWidth = (double) (region.mapping().end() - from) / count;
            for (int b = 0; b < count; b++) {
                if (bins.present()[b] == 0 && bins.swapped()[b] == 0) {
                    continue;
                }
                // A bin's pages shared among the slices it overlaps, by the bytes it has in each.
                double lo = from - start + b * binWidth;
                double hi = lo + binWidth;
                int first = (int) Math.min(n - 1, Math.max(0, (long) (lo / width)));
                int last = (int) Math.min(n - 1, Math.max(0, (long) ((hi - 1) / width)));
                for (int s = first; s <= last; s++) {
                    double share = Math.max(0, Math.min(hi, (s + 1) * width) - Math.max(lo, s * width)) / binWidth;
                    present[s] += bins.present()[b] * share;
                    huge[s] += bins.huge()[b] * share;
                    swapped[s] += bins.swapped()[b] * share;
                }
            }
        }
        Slice[] slices = new Slice[n];
        double pages = width / pageSize;
        for (int s = 0; s < n; s++) {
            if (present[s] * 2 >= pages) {
                slices[s] = huge[s] * 2 > present[s] ? Slice.HUGE : Slice.RESIDENT;
            } else if (swapped[s] * 2 >= pages) {
                slices[s] = Slice.SWAPPED;
            } else {
                slices[s] = present[s] > 0 ? Slice.PARTLY : Slice.NONE;
            }
        }
        return slices;
    }

    private static int slice(long address, long start, double width, int n) {
        return (int) Math.min(n - 1, Math.max(0, (long) ((address - start) / width)));
    }
}
