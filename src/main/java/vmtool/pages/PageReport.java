package vmtool.pages;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import vmtool.model.MappingKind;

/**
 * What {@link PageReader} read of one process.
 *
 * @param pid      the process
 * @param method   how the pagemap was read
 * @param fallback why PAGEMAP_SCAN was not used, for people (null when it was, or when it was not asked for)
 * @param privileged whether this user is root (kpageflags opens): pagemap then gives frame numbers
 * @param frames   whether kpageflags and kpagecount were read (root, when asked)
 * @param pageSize bytes per page
 * @param mappings per mapping, in address order
 */
public record PageReport(int pid, ReadMethod method, String fallback, boolean privileged, boolean frames,
                         long pageSize,
                         List<MappingPages> mappings) {
    public PageReport {
        // A reader's are packed already, and immutable: copied, each would be made whole.
        mappings = mappings instanceof PackedPages ? mappings : List.copyOf(mappings);
    }

    /** Whether zero-page and huge-page counts are known (PAGEMAP_SCAN, or kpageflags). */
    public boolean zeroAndHugeKnown() {
        return method == ReadMethod.PAGEMAP_SCAN || frames;
    }

    /** The process's totals. */
    public PageCounts total() {
        PageCounts sum = PageCounts.empty(pageSize, zeroAndHugeKnown(), frames);
        for (MappingPages mapping : mappings) {
            sum = sum.plus(mapping.counts());
        }
        return sum;
    }

    /** Totals per anatomy kind, in the kinds' order; kinds without a mapping are left out. */
    public Map<MappingKind, PageCounts> byKind() {
        Map<MappingKind, PageCounts> kinds = new EnumMap<>(MappingKind.class);
        for (MappingPages mapping : mappings) {
            kinds.merge(mapping.target().region().kind(), mapping.counts(), PageCounts::plus);
        }
        return kinds;
    }
}
