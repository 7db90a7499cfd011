package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.Region;

/**
 * The page states a snapshot holds ({@code vmtool pmap --json --pages}): how they were read, and for each mapping
 * (in the snapshot's order) its counts and runs. {@link #report} makes them a {@link PageReport} of the snapshot's
 * regions, so that {@code pages}, {@code anatomy --pages} and {@code map} read them back as they read a live process.
 *
 * @param method     how the pages were read
 * @param privileged whether frame numbers were read (root)
 * @param frames     whether kpageflags and kpagecount were read (root, {@code --frames})
 * @param pageSize bytes per page
 * @param mappings per mapping, in the snapshot's order
 */
public record SavedPages(ReadMethod method, boolean privileged, boolean frames, long pageSize,
                         List<Mapping> mappings) {
    /** One mapping's pages: its counts and its runs (empty when the snapshot has none). */
    public record Mapping(PageCounts counts, List<PageRun> runs) {
        public Mapping {
            runs = List.copyOf(runs);
        }
    }

    public SavedPages {
        mappings = List.copyOf(mappings);
    }

    /** These pages as a report on the snapshot's regions (the same mappings, in the same order). */
    public PageReport report(int pid, List<Region> regions) {
        return report(pid, regions, true);
    }

    /** The same, with each mapping's runs only when {@code runs}. */
    public PageReport report(int pid, List<Region> regions, boolean runs) {
        if (regions.size() != mappings.size()) {
            throw new IllegalArgumentException(regions.size() + " regions for " + mappings.size() + " mappings' pages");
        }
        List<MappingPages> pages = new ArrayList<>(regions.size());
        for (int i = 0; i < regions.size(); i++) {
            pages.add(new MappingPages(PageTarget.of(regions.get(i)), mappings.get(i).counts(),
                    runs ? mappings.get(i).runs() : List.of()));
        }
        return new PageReport(pid, method, null, privileged, frames, pageSize, pages);
    }
}
