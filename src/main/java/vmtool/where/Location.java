package vmtool.where;

import vmtool.model.Region;

/**
 * Where an address is: in a mapping, or in the gap between two.
 *
 * @param address the address asked about
 * @param region  the mapping that holds it; null when none does
 * @param below   the nearest mapping below it, when it is not mapped; null when there is none
 * @param above   the nearest mapping above it, when it is not mapped; null when there is none
 */
public record Location(long address, Region region, Region below, Region above) {
    public boolean mapped() {
        return region != null;
    }

    /** How far into the mapping the address lies, in bytes. */
    public long offset() {
        return address - region.mapping().start();
    }

    /** Whether the mapping is of a file, so that the address has an offset into the file. */
    public boolean hasFileOffset() {
        return region.mapping().isFile();
    }

    /** Where in the file the address lies: the mapping's file offset plus the offset into the mapping. */
    public long fileOffset() {
        return region.mapping().offset() + offset();
    }

    /** The unmapped range holding the address: from the end of the mapping below (or 0). */
    public long gapStart() {
        return below == null ? 0 : below.mapping().end();
    }

    /** The end of the unmapped range: the start of the mapping above; 0 means the top of the address space (2^64). */
    public long gapEnd() {
        return above == null ? 0 : above.mapping().start();
    }

    /** The gap's size in kB (up to 2^64 when nothing above: computed modulo 2^64, unsigned). */
    public long gapKb() {
        return (gapEnd() - gapStart()) >>> 10;
    }
}
