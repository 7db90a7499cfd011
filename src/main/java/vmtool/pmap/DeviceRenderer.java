package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.Mapping;

/** {@code pmap -d}: Address, Kbytes, Mode, Offset, Device, Mapping, then mapped/writeable/shared totals. */
final class DeviceRenderer extends MapsRowsRenderer {
    private static final String HEADER = "Address           Kbytes Mode  Offset           Device    Mapping\n";

    DeviceRenderer(PmapConfig config) {
        super(config);
    }

    @Override
    String header() {
        return HEADER;
    }

    @Override
    void row(TextSink out, Mapping mapping, long startStack, OptionalInt shmMinor) throws IOException {
        Text.hex(out, mapping.start(), 16).append(' ');
        Text.number(out, mapping.sizeKb(), 7).append(' ');
        Text.mode(out, mapping.perms()).append(' ');
        Text.hex(out, mapping.offset(), 16).append(' ');
        Text.hex(out, mapping.device().major(), 3).append(':');
        Text.hex(out, mapping.device().minor(), 5).append(' ');
        MappingName.ofMapsModes(out, mapping, startStack, config, shmMinor).append('\n');
        out.endRow();
    }

    @Override
    void totals(TextSink out, Totals totals) throws IOException {
        Text.number(out.append("mapped: "), totals.mapped() >>> 10, 0);
        Text.number(out.append("K    writeable/private: "), totals.privateWritable >>> 10, 0);
        Text.number(out.append("K    shared: "), totals.shared >>> 10, 0).append("K\n");
    }
}
