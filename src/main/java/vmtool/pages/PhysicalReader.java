package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

import vmtool.proc.EntryFile;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * Translates a few addresses of a process ({@code where --physical}, {@code touch --physical}): one pagemap entry
 * each, and for root the frame's kpageflags and kpagecount, and the frames of the huge page it is part of.
 */
public final class PhysicalReader {
    /** How far from a frame the head and the end of its compound page are looked for: a 2 MiB THP of 4 kB pages. */
    private static final int COMPOUND_REACH = 512;

    private final ProcFs procFs;
    private final long pageSize;
    private final PagingLevels levels;

    public PhysicalReader(ProcFs procFs, long pageSize, PagingLevels levels) {
        this.procFs = procFs;
        this.pageSize = pageSize;
        this.levels = levels;
    }

    /** This machine's levels (null on an architecture vmtool does not know). */
    public static PagingLevels systemLevels(ProcFs procFs, long pageSize) {
        boolean la57;
        try {
            la57 = procFs.cpuHasFlag("la57");
        } catch (ProcException e) {
            la57 = false;
        }
        return PagingLevels.of(System.getProperty("os.arch"), pageSize, la57);
    }

    /**
     * @throws ProcException pagemap cannot be read (another user's process, gone)
     */
    public List<Translation> translate(int pid, List<Long> addresses) throws ProcException {
        List<Translation> translations = new ArrayList<>(addresses.size());
        EntryFile flagsFile = null;
        EntryFile countFile = null;
        try (EntryFile pagemap = procFs.pagemap(pid, 1)) {
            try {
                flagsFile = procFs.kpageflags(2 * COMPOUND_REACH);
                countFile = procFs.kpagecount(1);
            } catch (ProcException e) {
                if (e.kind() != ProcException.Kind.PERMISSION_DENIED) {
                    throw e;
                }
            }
            boolean frames = flagsFile != null && countFile != null;
            long[] one = new long[1];
            for (long address : addresses) {
                long page = Long.divideUnsigned(address, pageSize);
                PagemapEntry entry = new PagemapEntry(pagemap.read(page, one, 1) == 1 ? one[0] : 0);
                if (!frames || !entry.present()) {
                    translations.add(new Translation(address, pageSize, levels, entry, frames, null, -1, -1, 0));
                    continue;
                }
                long frame = entry.frame();
                KernelPageFlags flags = new KernelPageFlags(flagsFile.read(frame, one, 1) == 1 ? one[0] : 0);
                long count = countFile.read(frame, one, 1) == 1 ? one[0] : 0;
                long[] compound = compound(flagsFile, frame, flags);
                translations.add(new Translation(address, pageSize, levels, entry, true, flags, count, compound[0],
                        compound[1]));
            }
        } finally {
            if (flagsFile != null) {
                flagsFile.close();
            }
            if (countFile != null) {
                countFile.close();
            }
        }
        return translations;
    }

    /** The compound page's first frame and its number of frames; {-1, 0} when the frame is in none (or too far). */
    private static long[] compound(EntryFile flagsFile, long frame, KernelPageFlags flags) throws ProcException {
        boolean head = flags.has(KernelPageFlags.COMPOUND_HEAD);
        if (!head && !flags.has(KernelPageFlags.COMPOUND_TAIL)) {
            return new long[] {-1, 0};
        }
        long first = Math.max(0, frame - COMPOUND_REACH + 1);
        long[] window = new long[2 * COMPOUND_REACH];
        int got = flagsFile.read(first, window, window.length);
        int at = (int) (frame - first);
        int start = at;
        while (start >= 0 && (window[start] >>> KernelPageFlags.COMPOUND_HEAD & 1) == 0) {
            start--;
        }
        if (start < 0) {
            return new long[] {-1, 0};
        }
        int end = start + 1;
        while (end < got && (window[end] >>> KernelPageFlags.COMPOUND_TAIL & 1) != 0) {
            end++;
        }
        return new long[] {first + start, end - start};
    }
}
