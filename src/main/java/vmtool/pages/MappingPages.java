package vmtool.pages;

import java.util.List;

/**
 * The pages of one mapping (or of the part asked for).
 *
 * @param target what was read
 * @param counts how many pages are in each state
 * @param runs   the runs of pages in one state, in address order, covering the range; empty unless asked for
 */
public record MappingPages(PageTarget target, PageCounts counts, List<PageRun> runs) {
    public MappingPages {
        runs = PackedRuns.immutable(runs);
    }
}
