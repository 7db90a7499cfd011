package vmtool.pages;

/**
 * One virtual address translated as far as this user may see: its page and offset, the page-table indices, the
 * pagemap entry, and for root the frame, its flags, how many map it and the huge page it is part of.
 *
 * @param address       the virtual address
 * @param pageSize      bytes per page
 * @param levels        the page-table levels; null on an architecture vmtool does not know
 * @param entry         the page's pagemap entry
 * @param frames        whether the frame and what follows were read (root)
 * @param flags         the frame's kpageflags; null when not read or not present
 * @param mapCount      kpagecount for the frame; -1 when not read
 * @param hugeFirst     the first frame of the compound page (THP, hugetlb) the frame is part of; -1 when none
 * @param hugeFrames    how many frames it has; 0 when none
 */
public record Translation(long address, long pageSize, PagingLevels levels, PagemapEntry entry, boolean frames,
                          KernelPageFlags flags, long mapCount, long hugeFirst, long hugeFrames) {
    public long virtualPage() {
        return Long.divideUnsigned(address, pageSize);
    }

    public long offset() {
        return Long.remainderUnsigned(address, pageSize);
    }

    /** The frame's physical address plus the offset; -1 unless root saw a present page. */
    public long physicalAddress() {
        return frames && entry.present() ? entry.frame() * pageSize + offset() : -1;
    }
}
