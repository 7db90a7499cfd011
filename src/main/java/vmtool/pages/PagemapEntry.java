package vmtool.pages;

import java.util.List;

/**
 * One 64-bit entry of /proc/PID/pagemap, decoded (the kernel's admin-guide mm/pagemap; docs/pages.md). Bits 0-54
 * hold the frame number of a present page (0 without CAP_SYS_ADMIN), or the swap type (0-4) and offset (5-54) of a
 * swapped one.
 */
public record PagemapEntry(long raw) {
    public static final int PRESENT_BIT = 63;
    public static final int SWAPPED_BIT = 62;
    public static final int FILE_BIT = 61;
    public static final int GUARD_BIT = 58;
    public static final int UFFD_WP_BIT = 57;
    public static final int EXCLUSIVE_BIT = 56;
    public static final int SOFT_DIRTY_BIT = 55;
    /** Bits 0-54. */
    public static final long FRAME_MASK = (1L << 55) - 1;

    /** A named bit (or field) of the entry, for where --physical and docs/pages.md. */
    public record Bit(int low, int high, String name, String meaning) {
    }

    /** Every bit the kernel defines, highest first; the rest are zero. */
    public static final List<Bit> BITS = List.of(
            new Bit(63, 63, "present", "the page is in RAM"),
            new Bit(62, 62, "swapped", "the page is in swap"),
            new Bit(61, 61, "file", "a file page, or shared anonymous memory"),
            new Bit(58, 58, "guard", "a guard region (Linux 6.15+)"),
            new Bit(57, 57, "uffd-wp", "write-protected by userfaultfd"),
            new Bit(56, 56, "exclusive", "mapped by this process only (Linux 4.2+)"),
            new Bit(55, 55, "soft-dirty", "written since soft-dirty was last cleared (needs CONFIG_MEM_SOFT_DIRTY)"),
            new Bit(0, 54, "frame", "present: the page frame number (0 without CAP_SYS_ADMIN); swapped: the swap"
                    + " type (bits 0-4) and offset (bits 5-54)"));

    public boolean present() {
        return bit(PRESENT_BIT);
    }

    public boolean swapped() {
        return bit(SWAPPED_BIT);
    }

    /** A file page, or a page of shared anonymous memory (shmem). */
    public boolean file() {
        return bit(FILE_BIT);
    }

    public boolean exclusive() {
        return bit(EXCLUSIVE_BIT);
    }

    public boolean softDirty() {
        return bit(SOFT_DIRTY_BIT);
    }

    public boolean uffdWriteProtected() {
        return bit(UFFD_WP_BIT);
    }

    public boolean guard() {
        return bit(GUARD_BIT);
    }

    /** Neither present nor swapped: never touched, or dropped (a clean file page reclaimed). */
    public boolean untouched() {
        return !present() && !swapped();
    }

    /** The frame number of a present page; 0 when not present or when the reader lacks CAP_SYS_ADMIN. */
    public long frame() {
        return present() ? raw & FRAME_MASK : 0;
    }

    /** The swap type (which swap area) of a swapped page. */
    public int swapType() {
        return swapped() ? (int) (raw & 0x1f) : 0;
    }

    /** The page's offset in its swap area, in pages. */
    public long swapOffset() {
        return swapped() ? (raw & FRAME_MASK) >>> 5 : 0;
    }

    /** Whether bit {@code n} is set. */
    public boolean bit(int n) {
        return (raw >>> n & 1) != 0;
    }

    /** The entry in hex, 16 digits. */
    public String hex() {
        String hex = Long.toHexString(raw);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
