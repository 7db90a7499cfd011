package vmtool.map;

import java.util.Locale;

/**
 * The picture's scale, the same in the page (whose script repeats these three numbers), the SVG and the
 * terminal. A region's height grows with the logarithm of its size, so that a 4 KiB guard page and a 100 MiB
 * buffer are both visible: {@value #MIN_HEIGHT} px for one page, {@value #PER_DOUBLING} px more for each doubling,
 * at most {@value #MAX_HEIGHT} px (which 128 TiB would reach). An unmapped gap, of whatever size, is a break of
 * {@value #GAP_HEIGHT} px marked with its real size: the axis is broken, not to scale.
 */
public final class Scale {
    public static final int MIN_HEIGHT = 6;
    public static final int PER_DOUBLING = 2;
    public static final int MAX_HEIGHT = 80;
    public static final int GAP_HEIGHT = 18;

    private static final long PAGE = 4096;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Scale() {
    }

    /** Whole doublings of a page in {@code bytes}: 0 for a page or less, 1 for two pages, 14 for 100 MiB. */
    public static int doublings(long bytes) {
        long pages = Math.max(1, Long.divideUnsigned(bytes, PAGE));
        return 63 - Long.numberOfLeadingZeros(pages);
    }

    /** The height in px of a region of {@code bytes}. */
    public static int height(long bytes) {
        return Math.min(MAX_HEIGHT, MIN_HEIGHT + PER_DOUBLING * doublings(bytes));
    }

    /** A size for people, in binary units: {@code 4 KiB}, {@code 1.5 MiB}, {@code 127 TiB}. */
    public static String human(long bytes) {
        double value = bytes >= 0 ? bytes : bytes + 0x1p64;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value == Math.rint(value) || value >= 100) {
            return Math.round(value) + " " + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
