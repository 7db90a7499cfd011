package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.Region;

/** {@code pmap -d}: Address, Kbytes, Mode, Offset, Device, Mapping, then mapped/writeable/shared totals. */
final class DeviceRenderer implements Renderer {
    private static final String HEADER = "Address           Kbytes Mode  Offset           Device    Mapping\n";

    private final PmapConfig config;

    DeviceRenderer(PmapConfig config) {
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
        long startStack = space.process().startStack();
        for (Region region : config.range().select(space.regions())) {
            Mapping mapping = region.mapping();
            totals.add(mapping);
            Text.hex(out, mapping.start(), 16).append(' ');
            Text.number(out, mapping.sizeKb(), 7).append(' ');
            Text.mode(out, mapping.perms()).append(' ');
            Text.hex(out, mapping.offset(), 16).append(' ');
            Text.hex(out, mapping.device().major(), 3).append(':');
            Text.hex(out, mapping.device().minor(), 5).append(' ');
            MappingName.ofMapsModes(out, region, startStack, config, shmMinor).append('\n');
            sink.endRow();
        }
        if (!config.quiet()) {
            Text.number(out.append("mapped: "), totals.mapped() >>> 10, 0);
            Text.number(out.append("K    writeable/private: "), totals.privateWritable >>> 10, 0);
            Text.number(out.append("K    shared: "), totals.shared >>> 10, 0).append("K\n");
        }
        return carried;
    }
}
