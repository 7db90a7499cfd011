package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;

/** pmap with no mode option: {@code %016lx %6luK mode name}, then the total. */
final class DefaultRenderer implements Renderer {
    private final PmapConfig config;

    DefaultRenderer(PmapConfig config) {
        this.config = config;
    }

    @Override
    public DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink out)
            throws IOException {
        Totals totals = new Totals();
        long startStack = space.process().startStack();
        for (Mapping mapping : config.range().select(space.mappings())) {
            row(out, mapping, startStack, shmMinor);
            totals.add(mapping);
        }
        if (!config.quiet()) {
            out.append(" total ");
            Text.number(out, totals.mapped() >>> 10, 16).append("K\n");
        }
        return carried;
    }

    /** One mapping's line (a method of its own, so that the JIT compiles it early: see SmapsParser.parseMappings). */
    private void row(TextSink out, Mapping mapping, long startStack, OptionalInt shmMinor) throws IOException {
        Text.hex(out, mapping.start(), 16).append(' ');
        Text.number(out, mapping.sizeKb(), 6).append("K ");
        Text.mode(out, mapping.perms()).append(' ');
        MappingName.ofMapsModes(out, mapping, startStack, config, shmMinor).append('\n');
        out.endRow();
    }
}
