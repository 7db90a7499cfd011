package vmtool.pmap;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
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
    public DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink out)
            throws IOException {
        if (!config.quiet()) {
            out.append(HEADER);
        }
        Totals totals = new Totals();
        long startStack = space.process().startStack();
        Keys keys = new Keys();
        long totalRss = 0;
        long totalDirty = 0;
        for (Mapping mapping : space.mappings()) {
            if (config.range().isAbove(mapping)) {
                break;
            }
            SmapsFields fields = keys.of(mapping);
            long rss = keys.rss(fields);
            long dirty = keys.dirty(fields);
            totalRss += rss;
            totalDirty += dirty;
            if (config.range().isBelow(mapping)) {
                continue;
            }
            totals.add(mapping);
            if (keys.hasSwap()) {
                row(out, mapping, rss, dirty, startStack, shmMinor);
            }
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

    /** One mapping's line (a method of its own, so that the JIT compiles it early: see SmapsParser.parseMappings). */
    private void row(TextSink out, Mapping mapping, long rss, long dirty, long startStack, OptionalInt shmMinor)
            throws IOException {
        Text.hex(out, mapping.start(), 16).append(' ');
        Text.number(out, mapping.sizeKb(), 7).append(' ');
        Text.number(out, rss, 7).append(' ');
        Text.number(out, dirty, 7).append(' ');
        Text.mode(out, mapping.perms()).append(' ');
        MappingName.ofMapsModes(out, mapping, startStack, config, shmMinor).append('\n');
        out.endRow();
    }

    /**
     * Where the keys -x reads are: looked up once per list of keys, which the mappings share while the kernel writes
     * the same ones.
     */
    private static final class Keys {
        private List<String> names;
        private int rss = -1;
        private int sharedDirty = -1;
        private int privateDirty = -1;
        private int swap = -1;

        SmapsFields of(Mapping mapping) {
            SmapsFields fields = mapping.fields();
            if (fields.names() != names) {
                names = fields.names();
                rss = fields.indexOf("Rss");
                sharedDirty = fields.indexOf("Shared_Dirty");
                privateDirty = fields.indexOf("Private_Dirty");
                swap = fields.indexOf("Swap");
            }
            return fields;
        }

        long rss(SmapsFields fields) {
            return valueAt(fields, rss);
        }

        long dirty(SmapsFields fields) {
            return valueAt(fields, sharedDirty) + valueAt(fields, privateDirty);
        }

        /** procps prints only the mappings of a smaps that has Swap lines (-x of a kernel without them prints none). */
        boolean hasSwap() {
            return swap >= 0;
        }

        private static long valueAt(SmapsFields fields, int index) {
            return index < 0 ? 0 : fields.value(index);
        }
    }
}
