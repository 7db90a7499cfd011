package vmtool.where;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.stream.JsonWriter;

import vmtool.anatomy.Describe;
import vmtool.anatomy.JsonRenderer;
import vmtool.anatomy.Sizes;
import vmtool.export.Csv;
import vmtool.export.JsonConvention;
import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.terminal.TextWidth;

/** {@code vmtool where}'s outputs: text for people, JSON and CSV for scripts (docs/anatomy.md shows each). */
public final class WhereRenderers {
    static final List<String> CSV_HEADER = List.of("address", "mapped", "start", "end", "perms", "kind", "name",
            "offset", "file_offset", "gap_start", "gap_end", "below_start", "below_end", "above_start", "above_end");

    private static final String CONTINUATION = "    ";

    private WhereRenderers() {
    }

    /**
     * One line per mapped address:
     * {@code ADDRESS: START-END PERM KIND NAME; offset 0xN into the mapping[, 0xM into the file]}; for one that is
     * not mapped, {@code ADDRESS: not mapped, in the gap START-END (SIZE)}, then the mappings below and above.
     * Written whole (into a pipe or a file).
     */
    public static String text(List<Location> locations) {
        return text(locations, 0);
    }

    /**
     * The same on a terminal {@code columns} wide (0: written whole): a name is cut to leave the rest of its line
     * room, and a line longer than the terminal goes on on the next, indented.
     */
    public static String text(List<Location> locations, int columns) {
        StringBuilder out = new StringBuilder(256 * locations.size());
        for (Location location : locations) {
            String address = Sizes.hex(location.address()) + ": ";
            if (location.mapped()) {
                StringBuilder tail = new StringBuilder();
                tail.append("; offset ").append(Sizes.hex(location.offset())).append(" into the mapping");
                if (location.hasFileOffset()) {
                    tail.append(", ").append(Sizes.hex(location.fileOffset())).append(" into the file");
                }
                line(address + region(location.region(), columns - CONTINUATION.length()) + tail, columns, out);
            } else {
                line(address + "not mapped, in the gap " + Sizes.hex(location.gapStart()) + '-'
                        + (location.above() == null ? "(top)" : Sizes.hex(location.gapEnd())) + " ("
                        + Sizes.human(location.gapKb()) + ")", columns, out);
                line("  below: " + neighbour(location.below(), columns - CONTINUATION.length()), columns, out);
                line("  above: " + neighbour(location.above(), columns - CONTINUATION.length()), columns, out);
            }
        }
        return out.toString();
    }

    /** A line, broken between words to fit when {@code columns} is not 0, its continuations indented. */
    private static void line(String text, int columns, StringBuilder out) {
        if (columns <= 0) {
            out.append(text).append('\n');
            return;
        }
        for (String line : TextWidth.wrap(text, columns, CONTINUATION)) {
            out.append(line).append('\n');
        }
    }

    private static String neighbour(Region region, int columns) {
        return region == null ? "none" : region(region, columns);
    }

    /**
     * {@code START-END PERM KIND NAME}, the name cut (its end kept) to at most {@code columns} when that is positive:
     * a line of its own, when the line is broken.
     */
    private static String region(Region region, int columns) {
        Mapping mapping = region.mapping();
        String text = Sizes.range(mapping.start(), mapping.end()) + ' ' + mapping.perms().text() + ' '
                + region.kind().id();
        String name = Describe.shownName(region);
        if (name.isEmpty()) {
            return text;
        }
        if (columns > 0) {
            name = TextWidth.keepEnd(name, columns);
        }
        return text + ' ' + name;
    }

    /**
     * One object, {@code vmtool-where} (docs/schema/where.schema.json): the source, then each address with its
     * mapping and offsets, or its gap and neighbours.
     */
    public static String json(AddressSpace space, List<Location> locations) {
        return json(space, locations, null);
    }

    /** More members of an address's object, written by another command's option ({@code --physical}). */
    public interface Members {
        /** Writes the members for address {@code index}. */
        void write(JsonWriter json, int index) throws IOException;
    }

    /** The same, with {@code more} members for each address (null for none). */
    public static String json(AddressSpace space, List<Location> locations, Members more) {
        StringWriter text = new StringWriter(1024);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            JsonConvention.begin(json, "where");
            JsonConvention.pid(json, space.process().pid());
            json.name("source").value(space.source());
            json.name("saved").value(space.saved());
            json.name("addresses").beginArray();
            for (Location location : locations) {
                json.beginObject();
                json.name("address").value(JsonConvention.address(location.address()));
                json.name("mapped").value(location.mapped());
                region(json.name("mapping"), location.region());
                if (location.mapped()) {
                    json.name("offset").value(JsonConvention.address(location.offset()));
                    json.name("file_offset").value(location.hasFileOffset()
                            ? JsonConvention.address(location.fileOffset()) : null);
                    json.name("gap").nullValue();
                } else {
                    json.name("offset").nullValue();
                    json.name("file_offset").nullValue();
                    json.name("gap").beginObject();
                    json.name("start").value(JsonConvention.address(location.gapStart()));
                    json.name("end").value(location.above() == null ? null
                            : JsonConvention.address(location.gapEnd()));
                    json.name("size_kb").value(location.gapKb());
                    json.endObject();
                }
                region(json.name("below"), location.below());
                region(json.name("above"), location.above());
                if (more != null) {
                    more.write(json, locations.indexOf(location));
                }
                json.endObject();
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    private static void region(JsonWriter json, Region region) throws IOException {
        if (region == null) {
            json.nullValue();
        } else {
            JsonRenderer.region(json, region, false);
        }
    }

    /** A header row, then one row per address; fields that do not apply are empty. */
    public static String csv(List<Location> locations) {
        StringBuilder out = new StringBuilder(128 * (locations.size() + 1));
        Csv.record(out, CSV_HEADER);
        for (Location location : locations) {
            List<String> fields = new ArrayList<>(CSV_HEADER.size());
            fields.add(Sizes.hex(location.address()));
            fields.add(location.mapped() ? "yes" : "no");
            Region region = location.region();
            if (region != null) {
                fields.add(Sizes.hex(region.mapping().start()));
                fields.add(Sizes.hex(region.mapping().end()));
                fields.add(region.mapping().perms().text());
                fields.add(region.kind().id());
                fields.add(Describe.name(region));
                fields.add(Sizes.hex(location.offset()));
                fields.add(location.hasFileOffset() ? Sizes.hex(location.fileOffset()) : "");
                for (int i = 0; i < 6; i++) {
                    fields.add("");
                }
            } else {
                for (int i = 0; i < 7; i++) {
                    fields.add("");
                }
                fields.add(Sizes.hex(location.gapStart()));
                fields.add(location.above() == null ? "" : Sizes.hex(location.gapEnd()));
                bounds(location.below(), fields);
                bounds(location.above(), fields);
            }
            Csv.record(out, fields);
        }
        return out.toString();
    }

    private static void bounds(Region region, List<String> fields) {
        fields.add(region == null ? "" : Sizes.hex(region.mapping().start()));
        fields.add(region == null ? "" : Sizes.hex(region.mapping().end()));
    }
}
