package vmtool.pages;

import vmtool.model.MappingKind;
import vmtool.model.Region;

/**
 * A range of one mapping to read: the whole mapping, or the part of it that an ADDRESS or LOW-HIGH asked for.
 *
 * @param region the mapping and its kind
 * @param start  first address (page-aligned)
 * @param end    the address after the range (page-aligned)
 */
public record PageTarget(Region region, long start, long end) {
    /** The whole mapping. */
    public static PageTarget of(Region region) {
        return new PageTarget(region, region.mapping().start(), region.mapping().end());
    }

    /**
     * Whether the kernel counts this mapping's present pages in Rss: not when no struct page stands behind them
     * (VM_PFNMAP, VM_IO: the vvar pages of the vdso, device memory), which pagemap shows present all the same.
     */
    public boolean countedInRss() {
        return region.kind() != MappingKind.VVAR && !region.mapping().hasVmFlag("pf")
                && !region.mapping().hasVmFlag("io");
    }
}
