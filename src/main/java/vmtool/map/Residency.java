package vmtool.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.Region;
import vmtool.pages.MappingPages;
import vmtool.pages.PageReport;
import vmtool.pages.PageRun;
import vmtool.pages.PageState;

/**
 * Where a region's pages really are, from its pagemap runs ({@code vmtool pages}' reading): what each slice of a
 * drawn bar shows, so that a map places what is resident, in huge pages or swapped where it lies in the region
 * rather than shading a uniform part of it. Without it (a saved file, or pages not read) a bar shades its Rss share
 * from the start.
 */
public final class Residency {
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

    private final long pageSize;
    private final Map<Long, List<PageRun>> runsByStart;

    private Residency(long pageSize, Map<Long, List<PageRun>> runsByStart) {
        this.pageSize = pageSize;
        this.runsByStart = runsByStart;
    }

    /** From a report read with runs ({@code PageReader.Options(true, ...)}) of whole mappings. */
    public static Residency of(PageReport report) {
        Map<Long, List<PageRun>> runs = new HashMap<>();
        for (MappingPages mapping : report.mappings()) {
            runs.put(mapping.target().region().mapping().start(), mapping.runs());
        }
        return new Residency(report.pageSize(), runs);
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
            for (PageRun run : runsByStart.getOrDefault(region.mapping().start(), List.of())) {
                int state = run.state();
                // The shared zero page is present in pagemap but holds nothing of the process's (nor is it Rss).
                if ((state & (PageState.PRESENT | PageState.SWAPPED)) == 0 || (state & PageState.ZERO) != 0) {
                    continue;
                }
                // A run's pages shared among the slices it overlaps, by the bytes it has in each.
                int first = slice(run.start(), start, width, n);
                int last = slice(run.end() - 1, start, width, n);
                for (int s = first; s <= last; s++) {
                    double overlap = Math.min(run.end() - start, (s + 1) * width)
                            - Math.max(run.start() - start, s * width);
                    double pages = Math.max(0, overlap) / pageSize;
                    if ((state & PageState.SWAPPED) != 0) {
                        swapped[s] += pages;
                    } else {
                        present[s] += pages;
                        if ((state & PageState.HUGE) != 0) {
                            huge[s] += pages;
                        }
                    }
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
