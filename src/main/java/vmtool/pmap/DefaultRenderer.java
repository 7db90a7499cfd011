package vmtool.pmap;

import java.util.OptionalInt;

import vmtool.model.Mapping;

/** pmap with no mode option: {@code %016lx %6luK mode name}, then the total. */
final class DefaultRenderer {
    private DefaultRenderer() {
    }

    static String render(ProcessMaps maps, PmapConfig config, OptionalInt shmMinor) {
        StringBuilder out = new StringBuilder(maps.mappings().size() * 48 + 32);
        Totals totals = new Totals();
        for (Mapping mapping : config.range().select(maps.mappings())) {
            totals.add(mapping);
            Text.hex(out, mapping.start(), 16).append(' ');
            Text.number(out, mapping.size() >>> 10, 6).append("K ");
            Text.mode(out, mapping.perms()).append(' ')
                    .append(MappingName.of(mapping, maps.process(), config, shmMinor)).append('\n');
        }
        if (!config.quiet()) {
            out.append(" total ");
            Text.number(out, totals.mapped() >>> 10, 16).append("K\n");
        }
        return out.toString();
    }
}
