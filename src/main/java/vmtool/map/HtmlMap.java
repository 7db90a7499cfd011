package vmtool.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * The address space as one self-contained HTML page (map.html beside this class: inline CSS and script, nothing
 * fetched). The mappings go into the page as one JSON array, from which the page's script builds one element per
 * mapping: 60,000 mappings make a page of about 9 MB, where pre-rendered elements would triple the size. The script
 * groups the elements in blocks that the browser draws only near the screen, so that a filter or zoom of 60,000
 * mappings takes tens of milliseconds (docs/performance.md).
 *
 * <p>Each mapping is an array: {@code [start, end, sizeKb, rssKb, perms, offset, device, inode, name, kind, label,
 * tid, marks, vmFlags, fieldNames, values]}, where start is the kernel's text, end is hex, kind indexes
 * {@code kinds}, fieldNames indexes {@code fieldNames} (-1 for a maps file) and values are the smaps numbers.
 */
public final class HtmlMap {
    private static final String TEMPLATE_RESOURCE = "map.html";
    private static final String DATA_MARK = "VMTOOL_DATA";
    private static final String CSS_MARK = "/*VMTOOL_KIND_CSS*/";
    private static final String TITLE_MARK = "VMTOOL_TITLE";

    private HtmlMap() {
    }

    /** Slices of a mapping's bar told by its pages: one character each (R, H, P, S, N: see {@link #slices}). */
    static final int SLICES = 56;

    /** Writes the page of this address space. */
    public static void write(AddressSpace space, Writer out) throws IOException {
        write(space, null, out);
    }

    /**
     * Writes the page, each mapping's resident pages drawn where they lie ({@code residency}, from pagemap), or its
     * Rss share shaded from its start when {@code residency} is null.
     */
    public static void write(AddressSpace space, Residency residency, Writer out) throws IOException {
        String template = template();
        List<KindTotals> totals = KindTotals.of(space);
        int css = template.indexOf(CSS_MARK);
        int title = template.indexOf(TITLE_MARK);
        int data = template.indexOf(DATA_MARK);
        if (css < 0 || title < css || data < title) {
            throw new IllegalStateException("map.html lacks its marks in order");
        }
        out.write(template, 0, css);
        kindCss(totals, out);
        out.write(template, css + CSS_MARK.length(), title - css - CSS_MARK.length());
        Text.xml(out, Picture.title(space));
        out.write(template, title + TITLE_MARK.length(), data - title - TITLE_MARK.length());
        data(space, totals, residency, out);
        out.write(template, data + DATA_MARK.length(), template.length() - data - DATA_MARK.length());
    }

    /** One rule per kind present: its colours (and hatch) through custom properties that the page's CSS uses. */
    private static void kindCss(List<KindTotals> totals, Writer out) throws IOException {
        for (KindTotals total : totals) {
            MappingKind kind = total.kind();
            out.write("[data-kind=\"" + kind.id() + "\"]{--c:" + KindStyle.colour(kind) + ";--p:"
                    + KindStyle.pale(kind) + (KindStyle.hatched(kind) ? ";--h:var(--hatch)" : "") + "}\n");
        }
    }

    private static void data(AddressSpace space, List<KindTotals> totals, Residency residency, Writer out) throws IOException {
        Map<MappingKind, Integer> kindIndex = new EnumMap<>(MappingKind.class);
        out.write("{\"title\":");
        Text.json(out, Picture.title(space));
        out.write(",\"summary\":");
        Text.json(out, Picture.summary(space, totals));
        out.write(",\"hasFields\":" + space.hasFields() + ",\"scale\":[" + Scale.MIN_HEIGHT + ","
                + Scale.PER_DOUBLING + "," + Scale.MAX_HEIGHT + "," + Scale.GAP_HEIGHT + "],\"kinds\":[");
        for (int i = 0; i < totals.size(); i++) {
            KindTotals total = totals.get(i);
            kindIndex.put(total.kind(), i);
            out.write(i == 0 ? "{\"id\":" : ",{\"id\":");
            Text.json(out, total.kind().id());
            out.write(",\"meaning\":");
            Text.json(out, total.kind().meaning());
            out.write(",\"count\":" + total.count() + ",\"sizeKb\":" + total.sizeKb() + ",\"rssKb\":"
                    + total.rssKb() + "}");
        }
        // Built in a StringBuilder and written in large pieces: a Writer takes a lock for every char.
        StringBuilder row = new StringBuilder(1 << 17);
        row.append("],\"m\":[");
        Map<List<String>, Integer> namesIndex = new HashMap<>();
        List<List<String>> names = new ArrayList<>();
        List<Region> regions = space.regions();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            Mapping m = region.mapping();
            SmapsFields fields = m.fields();
            int fieldNames = -1;
            if (fields.size() > 0) {
                Integer known = namesIndex.get(fields.names());
                if (known == null) {
                    known = names.size();
                    names.add(fields.names());
                    namesIndex.put(fields.names(), known);
                }
                fieldNames = known;
            }
            row.append(i == 0 ? "[" : ",\n[");
            Text.json(row, m.startText());
            row.append(",\"").append(Long.toHexString(m.end())).append("\",").append(m.sizeKb()).append(',')
                    .append(m.residentKb()).append(",\"").append(m.perms().text()).append("\",");
            Text.json(row, m.offsetText());
            row.append(',');
            Text.json(row, m.device().text());
            row.append(',');
            Text.json(row, m.inodeText());
            row.append(',');
            Text.json(row, ByteText.shown(m.name()));
            row.append(',').append(kindIndex.get(region.kind()).intValue()).append(',');
            Text.json(row, ByteText.shown(region.label()));
            row.append(',').append(region.tid()).append(",\"").append(Picture.marks(region)).append("\",");
            Text.json(row, m.vmFlags() == null ? "" : m.vmFlags());
            row.append(',').append(fieldNames).append(",[");
            for (int f = 0; f < fields.size(); f++) {
                if (f > 0) {
                    row.append(',');
                }
                row.append(fields.value(f));
            }
            row.append(']');
            if (residency != null) {
                row.append(",\"").append(slices(residency.slices(List.of(region), SLICES))).append('"');
            }
            row.append(']');
            if (row.length() >= 1 << 16) {
                out.append(row);
                row.setLength(0);
            }
        }
        out.append(row);
        out.write("],\"fieldNames\":[");
        for (int i = 0; i < names.size(); i++) {
            out.write(i == 0 ? "[" : ",[");
            for (int f = 0; f < names.get(i).size(); f++) {
                if (f > 0) {
                    out.write(',');
                }
                Text.json(out, names.get(i).get(f));
            }
            out.write(']');
        }
        out.write("]}");
    }

    private static String template() {
        try (InputStream in = HtmlMap.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("map.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** R resident, H in huge pages, P partly present, S swapped, N not present: the page's script draws them. */
    static String slices(Residency.Slice[] slices) {
        char[] text = new char[slices.length];
        for (int i = 0; i < slices.length; i++) {
            text[i] = switch (slices[i]) {
                case RESIDENT -> 'R';
                case HUGE -> 'H';
                case PARTLY -> 'P';
                case SWAPPED -> 'S';
                case NONE -> 'N';
            };
        }
        return new String(text);
    }
}
