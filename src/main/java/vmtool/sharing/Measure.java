package vmtool.sharing;

import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.SmapsFields;

/**
 * Measures one mapping as {@link Sums} counts it. The key list is shared by the mappings of one read, so the
 * positions are looked up once per list rather than once per mapping.
 */
final class Measure {
    private static final String[] KEYS = {"Rss", "Pss", "Private_Clean", "Private_Dirty", "Swap", "Shared_Hugetlb",
        "Private_Hugetlb"};

    private List<String> names;
    private final int[] positions = new int[KEYS.length];

    /** Makes {@code one} this mapping's sums (mappings = 1): no Sums made. */
    void into(Mapping mapping, RunningSums one) {
        SmapsFields fields = mapping.fields();
        if (fields.size() == 0) {
            one.setOne(mapping.sizeKb(), 0, 0, 0, 0);
            return;
        }
        if (fields.names() != names) {
            names = fields.names();
            for (int k = 0; k < KEYS.length; k++) {
                positions[k] = fields.indexOf(KEYS[k]);
            }
        }
        one.setOne(mapping.sizeKb(), value(fields, 0) + value(fields, 5) + value(fields, 6), value(fields, 1),
                value(fields, 2) + value(fields, 3), value(fields, 4));
    }

    private long value(SmapsFields fields, int key) {
        return positions[key] < 0 ? 0 : fields.value(positions[key]);
    }
}
