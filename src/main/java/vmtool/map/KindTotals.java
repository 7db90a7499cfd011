package vmtool.map;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/**
 * One kind's totals for the legend: how many mappings, their Size and Rss in kB. (The anatomy computes more per kind;
 * the legend needs only these, so the picture does not wait for it.)
 *
 * @param kind   the kind
 * @param count  its mappings
 * @param sizeKb their size
 * @param rssKb  their resident size; 0 when read from a maps file, which has no Rss
 */
public record KindTotals(MappingKind kind, int count, long sizeKb, long rssKb) {

    /** The totals of each kind present, in the order of {@link MappingKind}. */
    public static List<KindTotals> of(AddressSpace space) {
        Map<MappingKind, long[]> sums = new EnumMap<>(MappingKind.class);
        for (Region region : space.regions()) {
            long[] sum = sums.computeIfAbsent(region.kind(), k -> new long[3]);
            sum[0]++;
            sum[1] += region.mapping().sizeKb();
            sum[2] += region.mapping().residentKb();
        }
        List<KindTotals> totals = new ArrayList<>(sums.size());
        sums.forEach((kind, sum) -> totals.add(new KindTotals(kind, (int) sum[0], sum[1], sum[2])));
        return totals;
    }
}
