package vmtool.anatomy;

import java.util.List;

import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;

/**
 * The anatomy as a table for people: one row per kind, the totals, the homework's answer, the span and the largest
 * gap, then the stacks, the deleted files, the hugetlb mappings, each mapping ({@code --detail}) and notes. Columns
 * are aligned to their widest cell; a section with nothing to list is left out. docs/anatomy.md shows it.
 */
public final class TextRenderer {
    private static final String[] HEADERS = {"KIND", "MAPPINGS", "SIZE_KB", "RSS_KB", "PSS_KB", "DIRTY_KB",
        "SWAP_KB"};

    /** Left out of the kinds' table as the terminal narrows, in this order: Swap, Dirty, Pss. */
    private static final int[] SUMMARY_DROP_ORDER = {6, 5, 4};
    /**
     * The same for --detail's mappings: Swap, Dirty, Pss, Size (the range says it), Rss, the permissions; the name,
     * last, is cut to what is left.
     */
    private static final int[] MAPPINGS_DROP_ORDER = {7, 6, 5, 3, 4, 1};
    /** The stacks' table: the guard's size, the stack's size, the thread's name. */
    private static final int[] STACKS_DROP_ORDER = {4, 3, 1};
    /** A MEANING column narrower than this is no column: each meaning goes on lines of its own under its kind. */
    private static final int MIN_MEANING_WIDTH = 24;
    private static final String MEANING_INDENT = "    ";
    /** Where the values of {@code span:} and {@code largest gap:} begin. */
    private static final String VALUE_INDENT = " ".repeat("largest gap: ".length());
    /** A name cut to fit keeps at least this much. */
    private static final int MIN_NAME_WIDTH = 12;

    private final boolean explain;
    private final boolean detail;
    private final int columns;

    /**
     * @param explain whether to give each kind's meaning (a MEANING column)
     * @param detail  whether to list every mapping too
     */
    public TextRenderer(boolean explain, boolean detail) {
        this(explain, detail, 0);
    }

    /**
     * @param columns the terminal's width that every line fits (columns left out as it narrows, names and meanings
     *                wrapped or cut), or 0 for lines written whole (into a pipe or a file)
     */
    public TextRenderer(boolean explain, boolean detail, int columns) {
        this.explain = explain;
        this.detail = detail;
        this.columns = columns;
    }

    public String render(Anatomy anatomy) {
        boolean fitted = columns > 0;
        StringBuilder out = new StringBuilder(4096);
        out.append(fitted ? TextWidth.keepStart(title(anatomy), columns) : title(anatomy)).append('\n');
        summary(anatomy, out);
        out.append(anatomy.kindCount()).append(anatomy.kindCount() == 1 ? " kind" : " kinds").append(" of region in ")
                .append(anatomy.mappingCount()).append(anatomy.mappingCount() == 1 ? " mapping\n" : " mappings\n");
        if (anatomy.span() != null) {
            Anatomy.Range span = anatomy.span();
            line("span:        " + Sizes.range(span.start(), span.end()) + "  (" + Sizes.human(span.sizeKb()) + ")",
                    out);
        }
        if (anatomy.largestGap() != null) {
            Anatomy.Range gap = anatomy.largestGap();
            line("largest gap: " + Sizes.range(gap.start(), gap.end()) + "  (" + Sizes.human(gap.sizeKb())
                    + " unmapped)", out);
        }
        stacks(anatomy, out);
        flagged("deleted files", anatomy.deleted(), out);
        flagged("hugetlb", anatomy.hugetlb(), out);
        if (detail) {
            mappings(anatomy, out);
        }
        if (!anatomy.notes().isEmpty()) {
            out.append("notes:\n");
            for (String note : anatomy.notes()) {
                if (!fitted) {
                    out.append("  ").append(note).append('\n');
                    continue;
                }
                for (String line : TextWidth.wrap(note, columns - 2)) {
                    out.append("  ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** A line, broken between words to fit the width when it is fitted, its continuation under the value. */
    private void line(String text, StringBuilder out) {
        if (columns <= 0) {
            out.append(text).append('\n');
            return;
        }
        for (String line : TextWidth.wrap(text, columns, VALUE_INDENT)) {
            out.append(line).append('\n');
        }
    }

    /** {@code PID:   COMMAND LINE} as pmap's first line, or the saved file's name. */
    static String title(Anatomy anatomy) {
        if (anatomy.saved()) {
            return ByteText.shownUnicode(anatomy.source()) + ":";
        }
        return anatomy.process().pid() + ":   " + anatomy.process().shownCommandLine();
    }

    private void summary(Anatomy anatomy, StringBuilder out) {
        List<Anatomy.KindRow> rows = anatomy.kinds();
        String[][] cells = new String[rows.size() + 2][];
        cells[0] = HEADERS;
        for (int r = 0; r < rows.size(); r++) {
            cells[r + 1] = cells(rows.get(r), rows.get(r).kind().id(), anatomy.hasSizes());
        }
        cells[cells.length - 1] = cells(anatomy.total(), "total", anatomy.hasSizes());
        int[] widths = widths(cells);
        boolean[] kept = kept(widths, SUMMARY_DROP_ORDER);
        // On a terminal the meaning is wrapped in its column, or where that would be too narrow, under its kind.
        int tableWidth = TableFit.width(widths, kept);
        int meaningWidth = columns > 0 ? columns - tableWidth - 2 : Integer.MAX_VALUE;
        boolean meaningColumn = meaningWidth >= MIN_MEANING_WIDTH;
        for (int r = 0; r < cells.length; r++) {
            String meaning = !explain ? null : r == 0 ? "MEANING" : r <= rows.size() ? rows.get(r - 1).kind().meaning()
                    : "";
            if (meaning == null || columns <= 0) {
                row(cells[r], widths, kept, meaning, out);
            } else if (meaningColumn) {
                List<String> lines = TextWidth.wrap(meaning, meaningWidth);
                row(cells[r], widths, kept, lines.get(0), out);
                for (String line : lines.subList(1, lines.size())) {
                    out.append(" ".repeat(tableWidth + 2)).append(line).append('\n');
                }
            } else {
                row(cells[r], widths, kept, null, out);
                if (r > 0 && !meaning.isEmpty()) {
                    for (String line : TextWidth.wrap(meaning, columns - MEANING_INDENT.length())) {
                        out.append(MEANING_INDENT).append(line).append('\n');
                    }
                }
            }
        }
    }

    /** Which columns stay at this renderer's width: all of them when it is not fitted. */
    private boolean[] kept(int[] widths, int[] dropOrder) {
        return kept(widths, dropOrder, 0);
    }

    /** The same for a table indented by {@code indent} blanks. */
    private boolean[] kept(int[] widths, int[] dropOrder, int indent) {
        return columns > 0 ? TableFit.kept(widths, dropOrder, columns - indent)
                : TableFit.kept(widths, new int[0], Integer.MAX_VALUE);
    }

    private static String[] cells(Anatomy.KindRow row, String name, boolean sizes) {
        return new String[] {name, Integer.toString(row.mappings()), Long.toString(row.sizeKb()),
            sizes ? Long.toString(row.rssKb()) : "-", sizes ? Long.toString(row.pssKb()) : "-",
            sizes ? Long.toString(row.dirtyKb()) : "-", sizes ? Long.toString(row.swapKb()) : "-"};
    }

    private static int[] widths(String[][] cells) {
        int[] widths = new int[cells[0].length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    /** The kept cells, the first left-aligned, the rest right-aligned, two blanks apart; a meaning last, unpadded. */
    private static void row(String[] cells, int[] widths, boolean[] kept, String last, StringBuilder out) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            if (!kept[c]) {
                continue;
            }
            if (c > 0) {
                out.append("  ");
                pad(out, widths[c] - cells[c].length());
                out.append(cells[c]);
            } else {
                out.append(cells[c]);
                pad(out, widths[c] - cells[c].length());
            }
        }
        if (last != null && !last.isEmpty()) {
            out.append("  ").append(last);
        }
        trimEnd(out, start);
        out.append('\n');
    }

    private void stacks(Anatomy anatomy, StringBuilder out) {
        if (anatomy.stacks().isEmpty()) {
            return;
        }
        out.append("stacks:\n");
        String[][] cells = new String[anatomy.stacks().size() + 1][];
        cells[0] = new String[] {"TID", "THREAD", "RANGE", "SIZE_KB", "GUARD_KB"};
        for (int i = 0; i < anatomy.stacks().size(); i++) {
            Anatomy.Stack stack = anatomy.stacks().get(i);
            Mapping mapping = stack.region().mapping();
            cells[i + 1] = new String[] {stack.tid() == 0 ? "-" : Integer.toString(stack.tid()),
                stack.name().isEmpty() ? "-" : ByteText.shown(stack.name()),
                Sizes.range(mapping.start(), mapping.end()),
                Long.toString(mapping.sizeKb()), Long.toString(stack.guardKb())};
        }
        int[] widths = widths(cells);
        boolean[] kept = kept(widths, STACKS_DROP_ORDER, 2);
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder("  ");
            // TID right-aligned; thread name and range left-aligned; sizes right-aligned.
            pad(line, widths[0] - row[0].length());
            line.append(row[0]);
            if (kept[1]) {
                line.append("  ").append(row[1]);
                pad(line, widths[1] - row[1].length());
            }
            line.append("  ").append(row[2]);
            pad(line, widths[2] - row[2].length());
            for (int c = 3; c < row.length; c++) {
                if (kept[c]) {
                    line.append("  ");
                    pad(line, widths[c] - row[c].length());
                    line.append(row[c]);
                }
            }
            trimEnd(line, 0);
            out.append(line).append('\n');
        }
    }

    private void flagged(String title, List<Region> regions, StringBuilder out) {
        if (regions.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        for (Region region : regions) {
            Mapping mapping = region.mapping();
            String line = "  " + Sizes.range(mapping.start(), mapping.end()) + ' ' + mapping.perms() + ' '
                    + region.kind().id() + ' ';
            String name = Describe.shownName(region);
            if (columns > 0) {
                name = TextWidth.keepEnd(name, Math.max(MIN_NAME_WIDTH, columns - TextWidth.columns(line)));
            }
            out.append(line).append(name).append('\n');
        }
    }

    private void mappings(Anatomy anatomy, StringBuilder out) {
        out.append("mappings:\n");
        List<Region> regions = anatomy.regions();
        String[][] cells = new String[regions.size() + 1][];
        cells[0] = new String[] {"RANGE", "PERM", "KIND", "SIZE_KB", "RSS_KB", "PSS_KB", "DIRTY_KB", "SWAP_KB",
            "NAME"};
        long[] values = new long[5];
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            Mapping mapping = region.mapping();
            boolean sizes = mapping.fields().size() > 0;
            values[0] = mapping.residentKb();
            values[1] = mapping.fields().valueOf("Pss");
            values[2] = mapping.fields().valueOf("Shared_Dirty") + mapping.fields().valueOf("Private_Dirty");
            values[3] = mapping.fields().valueOf("Swap");
            cells[i + 1] = new String[] {Sizes.range(mapping.start(), mapping.end()), mapping.perms().text(),
                region.kind().id(), Long.toString(mapping.sizeKb()), sizes ? Long.toString(values[0]) : "-",
                sizes ? Long.toString(values[1]) : "-", sizes ? Long.toString(values[2]) : "-",
                sizes ? Long.toString(values[3]) : "-", Describe.shownName(region)};
        }
        int[] widths = widths(cells);
        if (columns > 0) {
            // The name is cut to what the other columns leave it, so only a short name counts in choosing them.
            int name = widths.length - 1;
            widths[name] = Math.min(widths[name], MIN_NAME_WIDTH);
            boolean[] kept = kept(widths, MAPPINGS_DROP_ORDER, 2);
            // What the kept columns leave; where even they are too wide (kernel addresses on a narrow terminal),
            // the name keeps a column for its ellipsis.
            widths[name] = Math.max(1, columns - 2 - TableFit.width(widths, kept) + widths[name]);
            for (int r = 0; r < cells.length; r++) {
                cells[r][name] = TextWidth.keepEnd(cells[r][name], widths[name]);
                cells[r] = TableFit.project(cells[r], kept);
            }
            widths = TableFit.project(widths, kept);
        }
        for (String[] row : cells) {
            int start = out.length();
            out.append("  ");
            for (int c = 0; c < row.length; c++) {
                boolean left = c <= 2 || c == row.length - 1;
                if (c > 0) {
                    out.append("  ");
                }
                if (!left) {
                    pad(out, widths[c] - row[c].length());
                }
                out.append(row[c]);
                if (left && c < row.length - 1) {
                    pad(out, widths[c] - row[c].length());
                }
            }
            trimEnd(out, start);
            out.append('\n');
        }
    }

    private static void pad(StringBuilder out, int blanks) {
        for (int i = 0; i < blanks; i++) {
            out.append(' ');
        }
    }

    private static void trimEnd(StringBuilder out, int from) {
        int end = out.length();
        while (end > from && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
