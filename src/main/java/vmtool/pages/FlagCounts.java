package vmtool.pages;

/**
 * For each kpageflags bit, how many pages have it: only the bits some page has are held (a mapping's pages have a
 * handful), so that a 60,000-mapping process's counts stay small.
 *
 * @param mask   the bits counted
 * @param counts the count of each bit of {@code mask}, lowest bit first
 */
public record FlagCounts(long mask, long[] counts) {
    public static final FlagCounts NONE = new FlagCounts(0, new long[0]);

    /** From a count per bit (64 of them). */
    static FlagCounts of(long[] perBit) {
        long mask = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (perBit[bit] != 0) {
                mask |= 1L << bit;
            }
        }
        long[] counts = new long[Long.bitCount(mask)];
        int next = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (perBit[bit] != 0) {
                counts[next++] = perBit[bit];
            }
        }
        return new FlagCounts(mask, counts);
    }

    /** How many pages have bit {@code bit}. */
    public long get(int bit) {
        if ((mask >>> bit & 1) == 0) {
            return 0;
        }
        return counts[Long.bitCount(mask & ((1L << bit) - 1))];
    }

    public FlagCounts plus(FlagCounts other) {
        long[] perBit = new long[64];
        for (int bit = 0; bit < 64; bit++) {
            perBit[bit] = get(bit) + other.get(bit);
        }
        return of(perBit);
    }
}
