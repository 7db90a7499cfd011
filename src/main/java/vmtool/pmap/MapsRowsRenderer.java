package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;

/**
 * The modes whose rows come from maps fields alone (the default and {@code -d}): a header, a row per mapping in the
 * range, then the totals by sharing; {@code -q} leaves out the header and the totals. ({@code -x} walks the
 * mappings as procps does for it, summing RSS and Dirty below the range too, and has a class of its own.)
 */
abstract class MapsRowsRenderer implements Renderer {
    final PmapConfig config;

    MapsRowsRenderer(PmapConfig config) {
        this.config = config;
    }

    @Override
    public final DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink out)
            throws IOException {
        if (!config.quiet()) {
            out.append(header());
        }
        Totals totals = new Totals();
        long startStack = space.process().startStack();
        for (Mapping mapping : config.range().select(space.mappings())) {
            row(out, mapping, startStack, shmMinor);
            totals.add(mapping);
        }
        if (!config.quiet()) {
            totals(out, totals);
        }
        return carried;
    }

    /** The header line, with its newline; empty for none. */
    abstract String header();

    /** One mapping's line (a method of its own, so that the JIT compiles it early: see SmapsParser.parseMappings). */
    abstract void row(TextSink out, Mapping mapping, long startStack, OptionalInt shmMinor) throws IOException;

    /** The totals' line. */
    abstract void totals(TextSink out, Totals totals) throws IOException;
}
