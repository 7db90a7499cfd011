package vmtool.pages;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

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
     * The whole of each of {@code regions}, each target made when it is asked for: a 60,000-mapping process's
     * would otherwise be ~2 MB held while its pages are read (the 64 MiB target of docs/performance.md).
     */
    public static List<PageTarget> wholeOf(List<Region> regions) {
        final class Whole extends AbstractList<PageTarget> implements RandomAccess {
            @Override
            public PageTarget get(int index) {
                return of(regions.get(index));
            }

            @Override
            public int size() {
                return regions.size();
            }
        }
        return new Whole();
    }

    /** Whether this is the whole of its mapping. */
    public boolean whole() {
        return start == region.mapping().start() && end == region.mapping().end();
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
