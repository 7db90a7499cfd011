package vmtool.pages;

import java.util.List;

/**
 * The page-table levels that translate an address on this machine, as the paging chapters draw them: each level
 * takes {@link #bitsPerLevel} bits of the virtual page number, the highest level first, above the page offset.
 * x86-64 has 4 levels (48-bit addresses), or 5 with LA57 (57-bit), 9 bits each above a 12-bit offset; aarch64 has
 * as many levels as its page size needs for 48-bit addresses (4 kB: 4 of 9 bits; 16 kB: 4 of 11; 64 kB: 3 of 13).
 *
 * @param names   each level's name, the highest first
 * @param reason  how the levels were found, for people
 */
public record PagingLevels(int pageShift, int bitsPerLevel, List<String> names, String reason) {
    /** x86-64's level names, the highest first. */
    private static final List<String> X86 = List.of("PML5", "PML4", "PDPT", "PD", "PT");

    /**
     * This machine's levels, or null when vmtool does not know its architecture.
     *
     * @param la57 whether /proc/cpuinfo lists la57 (the kernel clears it when it runs with 4 levels)
     */
    public static PagingLevels of(String arch, long pageSize, boolean la57) {
        int pageShift = Long.numberOfTrailingZeros(pageSize);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return la57 ? new PagingLevels(pageShift, 9, X86, "x86-64 with 5-level paging (la57 in /proc/cpuinfo)")
                    : new PagingLevels(pageShift, 9, X86.subList(1, 5),
                            "x86-64 with 4-level paging (no la57 in /proc/cpuinfo)");
        }
        if (arch.equals("aarch64")) {
            int bits = pageShift - 3;
            int levels = (48 - pageShift + bits - 1) / bits;
            List<String> names = List.of("L0", "L1", "L2", "L3").subList(4 - levels, 4);
            return new PagingLevels(pageShift, bits, names, "aarch64 with " + (pageSize / 1024)
                    + " kB pages and 48-bit addresses");
        }
        return null;
    }

    public int levels() {
        return names.size();
    }

    /** The index into each level's table for {@code address}, the highest level first. */
    public int[] indices(long address) {
        int[] indices = new int[levels()];
        long page = address >>> pageShift;
        int mask = (1 << bitsPerLevel) - 1;
        for (int level = levels() - 1; level >= 0; level--) {
            indices[level] = (int) (page & mask);
            page >>>= bitsPerLevel;
        }
        return indices;
    }
}
