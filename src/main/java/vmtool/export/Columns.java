package vmtool.export;

import java.util.List;

/** A table for people: the first column left-aligned, the others right-aligned, two blanks between columns. */
public final class Columns {
    private Columns() {
    }

    /** The widest cell of each column. */
    public static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    /** Appends each row as one line, at these widths. */
    public static void append(List<String[]> rows, int[] widths, StringBuilder out) {
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c == 0) {
                    out.append(row[c]).append(" ".repeat(widths[c] - row[c].length()));
                } else {
                    out.append("  ").append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
                }
            }
            out.append('\n');
        }
    }
}
