package vmtool.pages;

/**
 * How many pages of a range are in each state. A count the reader could not know is -1: {@code zero} and
 * {@code huge} without PAGEMAP_SCAN and without root; {@code sharedFrames}, {@code ksm} and {@code flagPages}
 * without root.
 *
 * @param pageSize     bytes per page
 * @param pages        pages in the range
 * @param present      pages in RAM (the zero page included)
 * @param swapped      pages in swap
 * @param zero         present pages that are the shared zero page
 * @param huge         pages in huge pages (PMD-mapped THP, hugetlb)
 * @param exclusive    present pages mapped by this process only
 * @param file         present file pages and shared anonymous pages (pagemap bit 61)
 * @param uncounted    present pages the kernel does not count in Rss: no struct page behind them (VM_PFNMAP, as
 *                     [vvar]), or the zero page when it is known
 * @param sharedFrames present pages whose frame is mapped more than once (kpagecount > 1)
 * @param ksm          present pages merged by KSM
 * @param flagPages    for each kpageflags bit, how many present pages have it; null when not root
 */
public record PageCounts(long pageSize, long pages, long present, long swapped, long zero, long huge, long exclusive,
                         long file, long uncounted, long sharedFrames, long ksm, FlagCounts flagPages) {
    public static final long UNKNOWN = -1;

    /** Neither present nor swapped. */
    public long untouched() {
        return pages - present - swapped;
    }

    /** Present pages mapped elsewhere too (not exclusive). */
    public long shared() {
        return present - exclusive;
    }

    /** Present pages of private anonymous memory (not file, not shared anonymous). */
    public long anonymous() {
        return present - file;
    }

    /** What smaps counts as Rss (plus its hugetlb fields): present pages less {@link #uncounted}. */
    public long resident() {
        return present - uncounted;
    }

    /** Pages to kB. */
    public long kb(long pageCount) {
        return pageCount < 0 ? UNKNOWN : pageCount * pageSize / 1024;
    }

    /** The counts of two ranges together; an unknown count stays unknown. */
    public PageCounts plus(PageCounts other) {
        FlagCounts flags = flagPages != null && other.flagPages != null ? flagPages.plus(other.flagPages) : null;
        return new PageCounts(pageSize, pages + other.pages, present + other.present, swapped + other.swapped,
                add(zero, other.zero), add(huge, other.huge), exclusive + other.exclusive, file + other.file,
                uncounted + other.uncounted, add(sharedFrames, other.sharedFrames), add(ksm, other.ksm), flags);
    }

    /** No pages, with what is known as the reader knows it. */
    public static PageCounts empty(long pageSize, boolean zeroHugeKnown, boolean frames) {
        long zeroHuge = zeroHugeKnown ? 0 : UNKNOWN;
        return new PageCounts(pageSize, 0, 0, 0, zeroHuge, zeroHuge, 0, 0, 0, frames ? 0 : UNKNOWN,
                frames ? 0 : UNKNOWN, frames ? FlagCounts.NONE : null);
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? UNKNOWN : a + b;
    }
}
