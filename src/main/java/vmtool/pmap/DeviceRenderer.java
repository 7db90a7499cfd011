package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;

/** {@code pmap -d}: Address, Kbytes, Mode, Offset, Device, Mapping, then mapped/writeable/shared totals. */
final class DeviceRenderer implements Renderer {
    private static final String HEADER = "Address           Kbytes Mode  Offset           Device    Mapping\n";

    private final PmapConfig config;

    DeviceRenderer(PmapConfig config) {
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
        for (Mapping mapping : config.range().select(space.mappings())) {
            row(out, mapping, startStack, shmMinor);
            totals.add(mapping);
        }
        if (!config.quiet()) {
            Text.number(out.append("mapped: "), totals.mapped() >>> 10, 0);
            Text.number(out.append("K    writeable/private: "), totals.privateWritable >>> 10, 0);
            Text.number(out.append("K    shared: "), totals.shared >>> 10, 0).append("K\n");
        }
        return carried;
    }

    /** One mapping's line (a method of its own, so that the JIT compiles it early: see SmapsParser.parseMappings). */
    private void row(TextSink out, Mapping mapping, long startStack, OptionalInt shmMinor) throws IOException {
        Text.hex(out, mapping.start(), 16).append(' ');
        Text.number(out, mapping.sizeKb(), 7).append(' ');
        Text.mode(out, mapping.perms()).append(' ');
        Text.hex(out, mapping.offset(), 16).append(' ');
        Text.hex(out, mapping.device().major(), 3).append(':');
        Text.hex(out, mapping.device().minor(), 5).append(' ');
        MappingName.ofMapsModes(out, mapping, startStack, config, shmMinor).append('\n');
        out.endRow();
    }
}
