package vmtool.diff;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.stream.JsonWriter;

import vmtool.anatomy.Sizes;
import vmtool.export.Columns;
import vmtool.export.Csv;
import vmtool.export.JsonConvention;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;

/** A {@link Diff} as text for people, as JSON, or as CSV (docs/watch-diff.md shows each). */
public final class DiffRenderers {
    private static final String[] METRICS = {"size_kb", "rss_kb", "pss_kb", "dirty_kb", "swap_kb"};
    private static final String[] LABELS = {"Size", "Rss", "Pss", "Dirty", "Swap"};

    private DiffRenderers() {
    }

    // ---- text

    /** The text for a pipe or a file: nothing fitted. */
    public static String text(Diff diff) {
        return text(diff, 0);
    }

    /**
     * The text, fitted to a terminal {@code columns} wide (0: not fitted): long lines broken between words and
     * continued indented, names shortened from the left, the per-kind table's least needed columns left out.
     */
    public static String text(Diff diff, int columns) {
        StringBuilder lines = new StringBuilder(4096);
        body(diff, lines, columns);
        if (columns <= 0) {
            return lines.toString();
        }
        StringBuilder out = new StringBuilder(lines.length() + 256);
        for (String line : lines.toString().split("\n")) {
            for (String part : TextWidth.wrap(line, columns, CONTINUATION)) {
                out.append(part).append('\n');
            }
        }
        return out.toString();
    }

    /** A long line's continuation: under what the line is about, past its mark. */
    private static final String CONTINUATION = "      ";

    private static void body(Diff diff, StringBuilder out, int columns) {
        // A name longer than a line, cut from the left (its file name stays), so that no word is broken: it fits a
        // continued line with the colon after it.
        int name = columns <= 0 ? Integer.MAX_VALUE : columns - CONTINUATION.length() - 1;
        out.append("--- ").append(TextWidth.keepEnd(ByteText.shownUnicode(diff.before()), name)).append('\n');
        out.append("+++ ").append(TextWidth.keepEnd(ByteText.shownUnicode(diff.after()), name)).append('\n');
        if (!diff.differs()) {
            out.append("no mapping was added, removed or changed (").append(diff.total().mappingsAfter())
                    .append(" mappings)\n");
        }
        entries("added", "+", diff.added(), out, name);
        entries("removed", "-", diff.removed(), out, name);
        if (!diff.changed().isEmpty()) {
            out.append("changed: ").append(count(diff.changed().size())).append('\n');
            for (Diff.Change change : diff.changed()) {
                change(change, out, name);
            }
        }
        kindTable(diff, out, columns);
    }

    private static String count(int n) {
        return n + (n == 1 ? " mapping" : " mappings");
    }

    private static void entries(String title, String mark, List<Diff.Entry> entries, StringBuilder out, int name) {
        if (entries.isEmpty()) {
            return;
        }
        long sizeKb = 0;
        long rssKb = 0;
        for (Diff.Entry entry : entries) {
            sizeKb += entry.values().sizeKb();
            rssKb += entry.values().rssKb();
        }
        out.append(title).append(": ").append(count(entries.size())).append(", ").append(Sizes.human(sizeKb))
                .append(" (Rss ").append(Sizes.human(rssKb)).append(")\n");
        for (Diff.Entry entry : entries) {
            out.append("  ").append(mark).append(' ').append(mappingLine(entry.region(), name)).append("  ")
                    .append(entry.values().sizeKb()).append(" kB, Rss ").append(entry.values().rssKb())
                    .append(" kB\n");
        }
    }

    /** {@code 0xSTART-0xEND perms kind name}. */
    static String mappingLine(Region region) {
        return mappingLine(region, Integer.MAX_VALUE);
    }

    /** The same, the name at most {@code name} columns. */
    private static String mappingLine(Region region, int name) {
        Mapping mapping = region.mapping();
        StringBuilder line = new StringBuilder(96).append(Sizes.range(mapping.start(), mapping.end())).append(' ')
                .append(mapping.perms().text()).append(' ').append(region.kind().id());
        if (!mapping.name().isEmpty()) {
            line.append(' ').append(TextWidth.keepEnd(ByteText.shown(mapping.name()), name));
        }
        return line.toString();
    }

    private static void change(Diff.Change change, StringBuilder out, int name) {
        Region first = change.before().get(0).region();
        Region after = change.after().get(0).region();
        out.append("  ~ ");
        if (change.match() == Diff.Match.RANGE) {
            out.append(mappingLine(first, name)).append(": ");
            List<String> what = new ArrayList<>();
            if (!first.mapping().perms().equals(after.mapping().perms())) {
                what.add("perms " + first.mapping().perms().text() + " -> " + after.mapping().perms().text());
            }
            if (first.kind() != after.kind()) {
                what.add("kind " + first.kind().id() + " -> " + after.kind().id());
            }
            what.addAll(deltas(change.beforeValues(), change.afterValues()));
            out.append(String.join(", ", what)).append('\n');
            return;
        }
        out.append(change.match().id()).append(' ').append(first.kind().id());
        if (!first.mapping().name().isEmpty()) {
            out.append(' ').append(TextWidth.keepEnd(ByteText.shown(first.mapping().name()), name));
        }
        List<String> deltas = deltas(change.beforeValues(), change.afterValues());
        out.append(": ").append(deltas.isEmpty() ? "same sizes" : String.join(", ", deltas)).append('\n');
        for (Diff.Entry entry : change.before()) {
            groupLine("was", entry, out);
        }
        for (Diff.Entry entry : change.after()) {
            groupLine("now", entry, out);
        }
    }

    private static void groupLine(String label, Diff.Entry entry, StringBuilder out) {
        Mapping mapping = entry.region().mapping();
        out.append("      ").append(label).append(' ').append(Sizes.range(mapping.start(), mapping.end())).append(' ')
                .append(mapping.perms().text()).append("  ").append(entry.values().sizeKb()).append(" kB, Rss ")
                .append(entry.values().rssKb()).append(" kB\n");
    }

    /** The fields that changed: {@code Rss +512 kB (4 -> 516)}. */
    private static List<String> deltas(Diff.Values before, Diff.Values after) {
        long[] x = array(before);
        long[] y = array(after);
        List<String> deltas = new ArrayList<>();
        for (int f = 0; f < x.length; f++) {
            if (x[f] != y[f]) {
                deltas.add(LABELS[f] + " " + signed(y[f] - x[f]) + " kB (" + x[f] + " -> " + y[f] + ")");
            }
        }
        return deltas;
    }

    static long[] array(Diff.Values values) {
        return new long[] {values.sizeKb(), values.rssKb(), values.pssKb(), values.dirtyKb(), values.swapKb()};
    }

    /** A change with its sign: {@code +512}, {@code -4}, {@code 0}. */
    public static String signed(long value) {
        return value > 0 ? "+" + value : Long.toString(value);
    }

    private static final String[] KIND_HEADERS = {"KIND", "before", "after", "before", "after", "change", "before",
        "after", "change", "change", "change", "change"};

    private static final String[] GROUPS = {"", "MAPPINGS", "SIZE_KB", "RSS_KB", "PSS_KB", "DIRTY_KB", "SWAP_KB"};
    private static final int[] GROUP_START = {0, 1, 3, 6, 9, 10, 11};
    /**
     * On a narrow terminal, the columns left out, the least needed first: the changes of Swap, Dirty and Pss, then
     * the before of Size, Rss and the mappings (after and the change say what happened), then Size's and Rss's
     * after: the kinds, their mappings and what changed stay.
     */
    private static final int[] DROP_ORDER = {11, 10, 9, 3, 6, 1, 4, 7};

    /**
     * The per-kind table: mappings and Size and Rss before, after and the change; Pss, Dirty, Swap's change. Fitted
     * to {@code columns} when it is positive.
     */
    private static void kindTable(Diff diff, StringBuilder out, int columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(KIND_HEADERS);
        for (Diff.KindChange kind : diff.kinds()) {
            rows.add(kindCells(kind.kind().id(), kind));
        }
        rows.add(kindCells("total", diff.total()));
        int[] cells = Columns.widths(rows);
        boolean[] kept = new boolean[cells.length];
        Arrays.fill(kept, true);
        int[] widths = underTitles(cells, kept);
        for (int i = 0; columns > 0 && i < DROP_ORDER.length && TableFit.width(widths, kept) > columns; i++) {
            kept[DROP_ORDER[i]] = false;
            widths = underTitles(cells, kept);
        }
        out.append("per kind (kB):\n");
        StringBuilder title = new StringBuilder();
        for (int g = 0; g < GROUPS.length; g++) {
            int span = span(widths, kept, g);
            if (span >= 0) {
                title.append(g == 0 ? "" : "  ").append(" ".repeat(span - GROUPS[g].length())).append(GROUPS[g]);
            }
        }
        out.append(stripEnd(title)).append('\n');
        List<String[]> shown = new ArrayList<>();
        for (String[] row : rows) {
            shown.add(TableFit.project(row, kept));
        }
        Columns.append(shown, TableFit.project(widths, kept), out);
    }

    /** The kept columns' widths, a group's last kept column widened where its title is wider than its columns. */
    private static int[] underTitles(int[] cells, boolean[] kept) {
        int[] widths = cells.clone();
        for (int g = 1; g < GROUPS.length; g++) {
            int span = span(widths, kept, g);
            if (span >= 0 && span < GROUPS[g].length()) {
                int last = -1;
                for (int c = GROUP_START[g]; c < groupEnd(g); c++) {
                    last = kept[c] ? c : last;
                }
                widths[last] += GROUPS[g].length() - span;
            }
        }
        return widths;
    }

    /** The width of group {@code g}'s kept columns, two blanks apart; -1 when none is kept. */
    private static int span(int[] widths, boolean[] kept, int g) {
        int span = -2;
        for (int c = GROUP_START[g]; c < groupEnd(g); c++) {
            span += kept[c] ? widths[c] + 2 : 0;
        }
        return span < 0 ? -1 : span;
    }

    private static int groupEnd(int g) {
        return g + 1 < GROUP_START.length ? GROUP_START[g + 1] : KIND_HEADERS.length;
    }

    private static String stripEnd(StringBuilder text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String[] kindCells(String name, Diff.KindChange kind) {
        Diff.Values d = kind.delta();
        return new String[] {name, Integer.toString(kind.mappingsBefore()), Integer.toString(kind.mappingsAfter()),
            Long.toString(kind.before().sizeKb()), Long.toString(kind.after().sizeKb()), signed(d.sizeKb()),
            Long.toString(kind.before().rssKb()), Long.toString(kind.after().rssKb()), signed(d.rssKb()),
            signed(d.pssKb()), signed(d.dirtyKb()), signed(d.swapKb())};
    }

    // ---- JSON

    public static String json(Diff diff) {
        StringWriter text = new StringWriter(4096);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            JsonConvention.begin(json, "diff");
            json.name("before").value(diff.before());
            json.name("after").value(diff.after());
            json.name("differs").value(diff.differs());
            json.name("added").beginArray();
            for (Diff.Entry entry : diff.added()) {
                entry(json, entry);
            }
            json.endArray();
            json.name("removed").beginArray();
            for (Diff.Entry entry : diff.removed()) {
                entry(json, entry);
            }
            json.endArray();
            json.name("changed").beginArray();
            for (Diff.Change change : diff.changed()) {
                json.beginObject();
                json.name("match").value(change.match().id());
                json.name("before").beginArray();
                for (Diff.Entry entry : change.before()) {
                    entry(json, entry);
                }
                json.endArray();
                json.name("after").beginArray();
                for (Diff.Entry entry : change.after()) {
                    entry(json, entry);
                }
                json.endArray();
                values(json.name("delta"), change.delta());
                json.endObject();
            }
            json.endArray();
            json.name("kinds").beginArray();
            for (Diff.KindChange kind : diff.kinds()) {
                kind(json, kind);
            }
            json.endArray();
            json.name("total");
            kind(json, diff.total());
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    private static void entry(JsonWriter json, Diff.Entry entry) throws IOException {
        Mapping mapping = entry.region().mapping();
        json.beginObject();
        json.name("start").value(JsonConvention.address(mapping.start()));
        json.name("end").value(JsonConvention.address(mapping.end()));
        json.name("perms").value(mapping.perms().text());
        json.name("kind").value(entry.region().kind().id());
        JsonConvention.byteText(json, "name", mapping.name());
        long[] values = array(entry.values());
        for (int f = 0; f < values.length; f++) {
            json.name(METRICS[f]).value(values[f]);
        }
        json.endObject();
    }

    private static void values(JsonWriter json, Diff.Values values) throws IOException {
        json.beginObject();
        long[] array = array(values);
        for (int f = 0; f < array.length; f++) {
            json.name(METRICS[f]).value(array[f]);
        }
        json.endObject();
    }

    private static void kind(JsonWriter json, Diff.KindChange kind) throws IOException {
        json.beginObject();
        if (kind.kind() != null) {
            json.name("kind").value(kind.kind().id());
        }
        json.name("mappings_before").value(kind.mappingsBefore());
        json.name("mappings_after").value(kind.mappingsAfter());
        values(json.name("before"), kind.before());
        values(json.name("after"), kind.after());
        values(json.name("change"), kind.delta());
        json.endObject();
    }

    // ---- CSV

    /** The CSV header: docs/watch-diff.md says what each column holds. */
    static final List<String> CSV_HEADER;

    static {
        List<String> header = new ArrayList<>(List.of("section", "match", "kind", "name", "before_start",
                "before_end", "before_perms", "after_start", "after_end", "after_perms", "mappings_before",
                "mappings_after"));
        for (String metric : METRICS) {
            header.add(metric + "_before");
            header.add(metric + "_after");
            header.add(metric + "_change");
        }
        CSV_HEADER = List.copyOf(header);
    }

    public static String csv(Diff diff) {
        StringBuilder out = new StringBuilder(4096);
        Csv.record(out, CSV_HEADER);
        for (Diff.Entry entry : diff.removed()) {
            csvRow(out, "removed", "", List.of(entry), List.of());
        }
        for (Diff.Entry entry : diff.added()) {
            csvRow(out, "added", "", List.of(), List.of(entry));
        }
        for (Diff.Change change : diff.changed()) {
            csvRow(out, "changed", change.match().id(), change.before(), change.after());
        }
        for (Diff.KindChange kind : diff.kinds()) {
            kindRow(out, "kind", kind.kind().id(), kind);
        }
        kindRow(out, "total", "", diff.total());
        return out.toString();
    }

    private static void csvRow(StringBuilder out, String section, String match, List<Diff.Entry> before,
                               List<Diff.Entry> after) {
        Region region = (before.isEmpty() ? after : before).get(0).region();
        List<String> row = new ArrayList<>(CSV_HEADER.size());
        row.add(section);
        row.add(match);
        row.add(region.kind().id());
        row.add(region.mapping().name());
        span(row, before);
        span(row, after);
        row.add(Integer.toString(before.size()));
        row.add(Integer.toString(after.size()));
        metrics(row, sum(before), sum(after));
        Csv.record(out, row);
    }

    /** A group's start, end and first permissions; empty cells for no mapping. */
    private static void span(List<String> row, List<Diff.Entry> entries) {
        if (entries.isEmpty()) {
            row.add("");
            row.add("");
            row.add("");
            return;
        }
        row.add(Sizes.hex(entries.get(0).region().mapping().start()));
        row.add(Sizes.hex(entries.get(entries.size() - 1).region().mapping().end()));
        row.add(entries.get(0).region().mapping().perms().text());
    }

    private static Diff.Values sum(List<Diff.Entry> entries) {
        Diff.Values sum = Diff.Values.ZERO;
        for (Diff.Entry entry : entries) {
            sum = sum.plus(entry.values());
        }
        return sum;
    }

    private static void kindRow(StringBuilder out, String section, String kind, Diff.KindChange change) {
        List<String> row = new ArrayList<>(CSV_HEADER.size());
        row.addAll(List.of(section, "", kind, "", "", "", "", "", "", "",
                Integer.toString(change.mappingsBefore()), Integer.toString(change.mappingsAfter())));
        metrics(row, change.before(), change.after());
        Csv.record(out, row);
    }

    private static void metrics(List<String> row, Diff.Values before, Diff.Values after) {
        long[] x = array(before);
        long[] y = array(after);
        for (int f = 0; f < x.length; f++) {
            row.add(Long.toString(x[f]));
            row.add(Long.toString(y[f]));
            row.add(Long.toString(y[f] - x[f]));
        }
    }
}
