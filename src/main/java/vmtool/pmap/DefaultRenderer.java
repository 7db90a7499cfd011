package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.Mapping;

/** pmap with no mode option: {@code %016lx %6luK mode name}, then the total. */
final class DefaultRenderer extends MapsRowsRenderer {
    DefaultRenderer(PmapConfig config) {
        super(config);
    }

    @Override
    String header() {
        return "";
    }

    @Override
    void row(TextSink out, Mapping mapping, long startStack, OptionalInt shmMinor) throws IOException {
        Text.hex(out, mapping.start(), 16).append(' ');
        Text.number(out, mapping.sizeKb(), 6).append("K ");
        Text.mode(out, mapping.perms()).append(' ');
        MappingName.ofMapsModes(out, mapping, startStack, config, shmMinor).append('\n');
        out.endRow();
    }

    @Override
    void totals(TextSink out, Totals totals) throws IOException {
        out.append(" total ");
        Text.number(out, totals.mapped() >>> 10, 16).append("K\n");
    }
}
