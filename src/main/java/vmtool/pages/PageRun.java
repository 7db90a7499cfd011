package vmtool.pages;

/**
 * Pages next to each other in the same {@link PageState}; for root, also in consecutive frames.
 *
 * @param start      first address
 * @param end        the address after the last page
 * @param state      the {@link PageState} bits of every page
 * @param firstFrame the first page's frame number, for root and present pages; -1 otherwise (the frames then follow
 *                   one another: a new frame run starts a new run)
 * @param flags      the kpageflags bits every page of the run has (root, present pages); -1 when not known
 */
public record PageRun(long start, long end, int state, long firstFrame, long flags) {
    public long pages(long pageSize) {
        return (end - start) / pageSize;
    }
}
