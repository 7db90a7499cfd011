package vmtool.pmap;

import java.util.OptionalInt;

import vmtool.model.Mapping;

/** {@code pmap -d}: Address, Kbytes, Mode, Offset, Device, Mapping, then mapped/writeable/shared totals. */
final class DeviceRenderer {
    private static final String HEADER = "Address           Kbytes Mode  Offset           Device    Mapping\n";

    private DeviceRenderer() {
    }

    static String render(ProcessMaps maps, PmapConfig config, OptionalInt shmMinor) {
        StringBuilder out = new StringBuilder(maps.mappings().size() * 72 + 128);
        if (!config.quiet()) {
            out.append(HEADER);
        }
        Totals totals = new Totals();
        for (Mapping mapping : config.range().select(maps.mappings())) {
            totals.add(mapping);
            Text.hex(out, mapping.start(), 16).append(' ');
            Text.number(out, mapping.size() >>> 10, 7).append(' ');
            Text.mode(out, mapping.perms()).append(' ');
            Text.hex(out, mapping.offset(), 16).append(' ');
            Text.hex(out, mapping.device().major(), 3).append(':');
            Text.hex(out, mapping.device().minor(), 5).append(' ');
            out.append(MappingName.of(mapping, maps.process(), config, shmMinor)).append('\n');
        }
        if (!config.quiet()) {
            out.append("mapped: ").append(totals.mapped() >>> 10)
                    .append("K    writeable/private: ").append(totals.privateWritable >>> 10)
                    .append("K    shared: ").append(totals.shared >>> 10).append("K\n");
        }
        return out.toString();
    }
}
