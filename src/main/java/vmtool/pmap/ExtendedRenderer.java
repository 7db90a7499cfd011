package vmtool.pmap;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * {@code pmap -x}: Address, Kbytes, RSS, Dirty, Mode, Mapping.
 *
 * <p>As in procps, a row is printed when a mapping's Swap line is reached, and with {@code -A} the RSS and Dirty
 * totals also count the mappings below the range (their lines are read all the same), while reading stops at the
 * first mapping above it.
 */
final class ExtendedRenderer implements Renderer {
    private static final String HEADER = "Address           Kbytes     RSS   Dirty Mode  Mapping\n";
    private static final String RULE = "---------------- ------- ------- ------- \n";

    private final PmapConfig config;

    ExtendedRenderer(PmapConfig config) {
        this.config = config;
    }

    @Override
    public DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink sink)
            throws IOException {
        TextSink out = sink;
        if (!config.quiet()) {
            out.append(HEADER);
        }
        Totals totals = new Totals();
        long totalRss = 0;
        long totalDirty = 0;
        long startStack = space.process().startStack();
        List<String> keys = null;
        int rssAt = -1;
        int sharedDirtyAt = -1;
        int privateDirtyAt = -1;
        int swapAt = -1;
        for (Region region : space.regions()) {
            Mapping mapping = region.mapping();
            if (config.range().isAbove(mapping)) {
                break;
            }
            SmapsFields fields = mapping.fields();
            if (fields.names() != keys) {
                // Mappings share one list of keys while the kernel writes the same ones: look them up once.
                keys = fields.names();
                rssAt = fields.indexOf("Rss");
                sharedDirtyAt = fields.indexOf("Shared_Dirty");
                privateDirtyAt = fields.indexOf("Private_Dirty");
                swapAt = fields.indexOf("Swap");
            }
            long rss = valueAt(fields, rssAt);
            long dirty = valueAt(fields, sharedDirtyAt) + valueAt(fields, privateDirtyAt);
            totalRss += rss;
            totalDirty += dirty;
            if (config.range().isBelow(mapping)) {
                continue;
            }
            totals.add(mapping);
            if (swapAt < 0) {
                continue;
            }
            Text.hex(out, mapping.start(), 16).append(' ');
            Text.number(out, mapping.sizeKb(), 7).append(' ');
            Text.number(out, rss, 7).append(' ');
            Text.number(out, dirty, 7).append(' ');
            Text.mode(out, mapping.perms()).append(' ');
            MappingName.ofMapsModes(out, region, startStack, config, shmMinor).append('\n');
            sink.endRow();
        }
        if (!config.quiet()) {
            out.append(RULE);
            Text.left(out, "total kB", 16).append(' ');
            Text.number(out, totals.mapped() >>> 10, 7).append(' ');
            Text.number(out, totalRss, 7).append(' ');
            Text.number(out, totalDirty, 7).append('\n');
        }
        return carried;
    }

    private static long valueAt(SmapsFields fields, int index) {
        return index < 0 ? 0 : fields.value(index);
    }
}
