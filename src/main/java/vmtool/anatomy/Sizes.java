package vmtool.anatomy;

/** How the anatomy and {@code where} write addresses and sizes for people. */
public final class Sizes {
    private static final String[] UNITS = {"kB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** An address as touch and the homework print one: {@code 0x} and lower-case hex, no padding. */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /** A range as {@code 0xSTART-0xEND}. */
    public static String range(long start, long end) {
        return hex(start) + "-" + hex(end);
    }

    /** A size in kB for people: {@code 132 kB}, {@code 8.0 MiB}, {@code 41.9 TiB} (binary units above kB). */
    public static String human(long kb) {
        if (Long.compareUnsigned(kb, 1024) < 0) {
            return kb + " kB";
        }
        int unit = 0;
        // Tenths of the unit, computed in integers (no Formatter on the start-up path); kB fits a long unsigned.
        long whole = kb;
        long rest = 0;
        while (unit + 1 < UNITS.length && Long.compareUnsigned(whole, 1024) >= 0) {
            rest = Long.remainderUnsigned(whole, 1024);
            whole = Long.divideUnsigned(whole, 1024);
            unit++;
        }
        long tenths = (rest * 10 + 512) / 1024;
        if (tenths == 10) {
            whole++;
            tenths = 0;
        }
        return Long.toUnsignedString(whole) + "." + tenths + " " + UNITS[unit];
    }
}
