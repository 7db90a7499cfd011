package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.Region;

/** pmap with no mode option: {@code %016lx %6luK mode name}, then the total. */
final class DefaultRenderer implements Renderer {
    private final PmapConfig config;

    DefaultRenderer(PmapConfig config) {
        this.config = config;
    }

    @Override
    public DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink sink)
            throws IOException {
        TextSink out = sink;
        Totals totals = new Totals();
        long startStack = space.process().startStack();
        for (Region region : config.range().select(space.regions())) {
            Mapping mapping = region.mapping();
            totals.add(mapping);
            Text.hex(out, mapping.start(), 16).append(' ');
            Text.number(out, mapping.sizeKb(), 6).append("K ");
            Text.mode(out, mapping.perms()).append(' ');
            MappingName.ofMapsModes(out, region, startStack, config, shmMinor).append('\n');
            sink.endRow();
        }
        if (!config.quiet()) {
            out.append(" total ");
            Text.number(out, totals.mapped() >>> 10, 16).append("K\n");
        }
        return carried;
    }
}
