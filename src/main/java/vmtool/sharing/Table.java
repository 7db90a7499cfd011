package vmtool.sharing;

import java.util.ArrayList;
import java.util.List;

import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;

/**
 * A table for people, as the program anatomy and share print them: columns two blanks apart, numbers right-aligned,
 * text left-aligned; on a terminal the least needed columns are left out as it narrows, and the last column, when it
 * is text (a name or a command line), is cut to what the others leave. Into a pipe every cell is written whole.
 */
final class Table {
    /** A cut name keeps at least this much. */
    private static final int MIN_LAST_WIDTH = 24;

    private final String[] headers;
    private final boolean[] left;
    private int[] dropOrder = new int[0];
    private boolean lastKeepsEnd;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with these headers; the columns named in {@code leftAligned} are text, the others numbers. */
    Table(String[] headers, int... leftAligned) {
        this.headers = headers;
        this.left = new boolean[headers.length];
        for (int c : leftAligned) {
            left[c] = true;
        }
    }

    /** The columns that may be left out, the least needed first (never the first or the last). */
    Table dropping(int... order) {
        this.dropOrder = order;
        return this;
    }

    /** The last column, when cut, keeps its end (a path) rather than its start (a command line). */
    Table lastKeepsEnd() {
        this.lastKeepsEnd = true;
        return this;
    }

    Table add(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.length);
        }
        rows.add(cells);
        return this;
    }

    /**
     * The table, each line begun with {@code indent}, fitted to {@code columns} (0: not fitted).
     *
     * @param after for each row (not the header), a line to write under it, indented further; null for none
     */
    void render(StringBuilder out, String indent, int columns, List<String> after) {
        int count = headers.length;
        int last = count - 1;
        int[] widths = new int[count];
        measure(headers, widths);
        for (String[] row : rows) {
            measure(row, widths);
        }
        boolean[] kept = new boolean[count];
        java.util.Arrays.fill(kept, true);
        int lastWidth = Integer.MAX_VALUE;
        if (columns > 0 && !left[last]) {
            kept = TableFit.kept(widths, dropOrder, columns - indent.length());
        } else if (columns > 0) {
            int full = widths[last];
            widths[last] = Math.min(full, MIN_LAST_WIDTH);
            kept = TableFit.kept(widths, dropOrder, columns - indent.length());
            widths[last] = full;
            int others = TableFit.width(widths, kept) - full;
            lastWidth = Math.max(1, columns - indent.length() - others);
        }
        line(headers, widths, kept, lastWidth, indent, out);
        for (int r = 0; r < rows.size(); r++) {
            line(rows.get(r), widths, kept, lastWidth, indent, out);
            String under = after == null ? null : after.get(r);
            if (under != null && !under.isEmpty()) {
                String deeper = indent + "    ";
                List<String> lines = columns > 0 ? wrapList(under, Math.max(8, columns - deeper.length()))
                        : List.of(under);
                for (String text : lines) {
                    out.append(deeper).append(text).append('\n');
                }
            }
        }
    }

    /**
     * A list of processes ({@code 11279 postgres, 11280 postgres, ...}) broken between words, but never between a
     * pid and its name.
     */
    static List<String> wrapList(String list, int columns) {
        // NUL, which shown text never holds (ByteText writes it \x00), joins each pid to its name.
        StringBuilder joined = new StringBuilder(list.length());
        for (String item : list.split(", ", -1)) {
            joined.append(joined.length() == 0 ? "" : ", ").append(item.replaceFirst(" ", "\0"));
        }
        List<String> lines = new ArrayList<>();
        for (String line : TextWidth.wrap(joined.toString(), columns)) {
            lines.add(line.replace('\0', ' '));
        }
        return lines;
    }

    /** A line of text, broken between words to fit {@code columns} (0: written whole). */
    static void line(String text, int columns, StringBuilder out) {
        if (columns <= 0) {
            out.append(text).append('\n');
            return;
        }
        for (String line : TextWidth.wrap(text, columns)) {
            out.append(line).append('\n');
        }
    }

    private static void measure(String[] row, int[] widths) {
        for (int c = 0; c < row.length; c++) {
            widths[c] = Math.max(widths[c], TextWidth.columns(row[c]));
        }
    }

    private void line(String[] cells, int[] widths, boolean[] kept, int lastWidth, String indent, StringBuilder out) {
        int start = out.length();
        out.append(indent);
        boolean first = true;
        int last = cells.length - 1;
        for (int c = 0; c < cells.length; c++) {
            if (!kept[c]) {
                continue;
            }
            if (!first) {
                out.append("  ");
            }
            first = false;
            String cell = cells[c];
            if (c == last && left[c]) {
                cell = lastKeepsEnd ? TextWidth.keepEnd(cell, lastWidth) : TextWidth.keepStart(cell, lastWidth);
                out.append(cell);
                continue;
            }
            int pad = widths[c] - TextWidth.columns(cell);
            if (!left[c]) {
                out.append(" ".repeat(pad));
            }
            out.append(cell);
            if (left[c]) {
                out.append(" ".repeat(pad));
            }
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }
}
