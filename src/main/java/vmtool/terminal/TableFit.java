package vmtool.terminal;

import java.util.Arrays;

/**
 * Which columns of a table fit a width: columns two blanks apart, the least needed left out first, as {@code ls}
 * and htop drop fields as a terminal narrows.
 */
public final class TableFit {
    private TableFit() {
    }

    /**
     * The columns kept when the table must be at most {@code columns} wide.
     *
     * @param widths    each column's width (its widest cell)
     * @param dropOrder the columns that may be left out, the least needed first; the others always stay
     */
    public static boolean[] kept(int[] widths, int[] dropOrder, int columns) {
        boolean[] kept = new boolean[widths.length];
        Arrays.fill(kept, true);
        for (int i = 0; i < dropOrder.length && width(widths, kept) > columns; i++) {
            kept[dropOrder[i]] = false;
        }
        return kept;
    }

    /** The width of the kept columns, two blanks apart. */
    public static int width(int[] widths, boolean[] kept) {
        int width = 0;
        int count = 0;
        for (int c = 0; c < widths.length; c++) {
            if (kept[c]) {
                width += widths[c];
                count++;
            }
        }
        return count == 0 ? 0 : width + 2 * (count - 1);
    }

    /** The widths of the kept columns. */
    public static int[] project(int[] widths, boolean[] kept) {
        int[] projected = new int[count(kept)];
        int next = 0;
        for (int c = 0; c < widths.length; c++) {
            if (kept[c]) {
                projected[next++] = widths[c];
            }
        }
        return projected;
    }

    private static int count(boolean[] kept) {
        int count = 0;
        for (boolean keep : kept) {
            count += keep ? 1 : 0;
        }
        return count;
    }

    /** The kept cells of a row. */
    public static String[] project(String[] row, boolean[] kept) {
        String[] cells = new String[count(kept)];
        int next = 0;
        for (int c = 0; c < row.length; c++) {
            if (kept[c]) {
                cells[next++] = row[c];
            }
        }
        return cells;
    }
}
