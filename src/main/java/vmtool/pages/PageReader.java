package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;
import vmtool.nativeio.PagemapScan;
import vmtool.proc.EntryFile;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * Reads the state of a process's pages (docs/pages.md).
 * <ul>
 * <li>Where the kernel has PAGEMAP_SCAN (6.7+), one ioctl per 4,096 runs finds the pages that are present or
 *     swapped, with whether they are the zero page or huge; pagemap is then read only around those runs, for the
 *     bits the ioctl does not give (exclusive, the frame).</li>
 * <li>Otherwise, and when asked ({@link Options#scan} false: the tests' independent check), pagemap alone, read in
 *     batches of up to {@link #BATCH} entries over each run of adjacent mappings.</li>
 * <li>For root, and when asked ({@link Options#frames}), the present pages' frames are looked up in kpageflags and
 *     kpagecount ({@link FrameLookup}).</li>
 * </ul>
 * What the process changes while it is read may show half old, half new, as with smaps.
 */
public final class PageReader {
    /**
     * Pagemap entries per pread: 512 KiB, 256 MiB of address space. With the frames' three arrays of as many, the
     * read stays within a few MiB of heap (the 64 MiB target of docs/performance.md).
     */
    static final int BATCH = 1 << 16;
    /** Regions per PAGEMAP_SCAN call: 96 KiB of vector, allocated once. */
    static final int SCAN_CAPACITY = 4096;
    private static final long SCAN_ANY = PagemapScan.PAGE_IS_PRESENT | PagemapScan.PAGE_IS_SWAPPED;
    private static final long SCAN_RETURN = SCAN_ANY | PagemapScan.PAGE_IS_FILE | PagemapScan.PAGE_IS_PFNZERO
            | PagemapScan.PAGE_IS_HUGE;
    /** Runs closer than this many pages are read from pagemap in one pread (the entries between: 4 KiB). */
    private static final long GAP_PAGES = 512;
    private static final long UNKNOWN_CATEGORIES = -1;

    /**
     * @param runs whether to build each mapping's runs (memory: one record per run)
     * @param scan   whether to use PAGEMAP_SCAN when the kernel has it; false reads pagemap alone
     * @param frames whether to look each present page's frame up in kpageflags and kpagecount (root only): 16
     *               bytes more read per present page, several times the cost of pagemap (docs/performance.md)
     */
    public record Options(boolean runs, boolean scan, boolean frames) {
    }

    private final ProcFs procFs;
    private final long pageSize;

    public PageReader(ProcFs procFs, long pageSize) {
        this.procFs = procFs;
        this.pageSize = pageSize;
    }

    /** This machine's page size (sysconf), or 4096 when the native library cannot load. */
    public static long systemPageSize() {
        try {
            return Libc.pageSize();
        } catch (LinkageError e) {
            return 4096;
        }
    }

    /**
     * Reads the pages of {@code targets} (in address order, not overlapping) of process {@code pid}.
     *
     * @throws ProcException pagemap cannot be opened (another user's process: PERMISSION_DENIED; gone: GONE), or
     *                       the process exited while it was read (GONE)
     */
    public PageReport read(int pid, List<PageTarget> targets, Options options) throws ProcException {
        return read(pid, targets, options, null);
    }

    /**
     * The same, each mapping's runs handed to {@code sink} as they are made and not kept (null: kept when
     * {@code options.runs()}): a map folds them into its slices and never holds a million of them.
     */
    public PageReport read(int pid, List<PageTarget> targets, Options options, RunSink sink)
            throws ProcException {
        EntryFile flagsFile = null;
        EntryFile countFile = null;
        try (EntryFile pagemap = procFs.pagemap(pid, BATCH)) {
            // Root's test: kpageflags is root's only (0400), as frame numbers in pagemap are (CAP_SYS_ADMIN).
            try {
                flagsFile = procFs.kpageflags(FrameLookup.WINDOW);
                countFile = procFs.kpagecount(FrameLookup.WINDOW);
            } catch (ProcException e) {
                if (e.kind() != ProcException.Kind.PERMISSION_DENIED && e.kind() != ProcException.Kind.GONE) {
                    throw e;
                }
            }
            boolean privileged = flagsFile != null && countFile != null;
            boolean frames = privileged && options.frames();
            FrameLookup lookup = frames ? new FrameLookup(flagsFile, countFile) : null;
            PagemapScan scan = null;
            String fallback = null;
            if (options.scan()) {
                try {
                    scan = openScan(pid);
                } catch (LibcException e) {
                    fallback = "PAGEMAP_SCAN is not available (" + e.getMessage() + "): pagemap read instead";
                } catch (LinkageError e) {
                    fallback = "PAGEMAP_SCAN needs the native library, which did not load (" + e + "): pagemap read"
                            + " instead";
                }
            }
            try {
                Walk walk = new Walk(pid, pagemap, scan, lookup, frames, options.runs(), sink);
                List<MappingPages> pages = walk.all(targets);
                return new PageReport(pid, scan != null ? ReadMethod.PAGEMAP_SCAN : ReadMethod.PAGEMAP_READ,
                        fallback, privileged, frames, pageSize, pages);
            } finally {
                if (scan != null) {
                    scan.close();
                }
            }
        } finally {
            if (flagsFile != null) {
                flagsFile.close();
            }
            if (countFile != null) {
                countFile.close();
            }
        }
    }

    /** Opens the ioctl and tries it on the first page asked for, so that a kernel without it is known at once. */
    private PagemapScan openScan(int pid) throws ProcException, LibcException {
        PagemapScan scan = procFs.pagemapScan(pid, SCAN_CAPACITY);
        try {
            // Page 0: user memory in every process, mapped in none.
            scan.scan(0, pageSize, SCAN_ANY, SCAN_RETURN);
            return scan;
        } catch (LibcException e) {
            scan.close();
            if (e.errno() == Libc.ESRCH) {
                throw gone(pid, e);
            }
            throw e;
        }
    }

    private static ProcException gone(int pid, Exception cause) {
        return new ProcException(ProcException.Kind.GONE, null,
                "process " + pid + " exited while its pages were read", cause);
    }

    /** One read of one process: the buffers, and the mappings' counters as the walk reaches them. */
    private final class Walk {
        private final int pid;
        private final EntryFile pagemap;
        private final PagemapScan scan;
        private final FrameLookup lookup;
        private final boolean frames;
        private final boolean runs;
        private final long[] entries;
        private final long[] frameOf;
        private final long[] flagsOf;
        private final long[] countOf;
        private final long[] vector = new long[3 * SCAN_CAPACITY];
        private long[] starts = new long[SCAN_CAPACITY];
        private long[] ends = new long[SCAN_CAPACITY];
        private long[] categories = new long[SCAN_CAPACITY];
        /** The mappings read so far; the one being counted; the targets of the group being read. */
        private List<MappingPages> done;
        private PageCounter counter;
        private List<PageTarget> group;
        private int current;

        /** Where the runs go as they are made, or null. */
        private final RunSink sink;

        Walk(int pid, EntryFile pagemap, PagemapScan scan, FrameLookup lookup, boolean frames, boolean runs,
             RunSink sink) {
            this.sink = sink;
            this.pid = pid;
            this.pagemap = pagemap;
            this.scan = scan;
            this.lookup = lookup;
            this.frames = frames;
            this.runs = runs;
            this.entries = new long[pagemap.batch()];
            this.frameOf = frames ? new long[pagemap.batch()] : null;
            this.flagsOf = frames ? new long[pagemap.batch()] : null;
            this.countOf = frames ? new long[pagemap.batch()] : null;
        }

        List<MappingPages> all(List<PageTarget> targets) throws ProcException {
            List<MappingPages> pages = new ArrayList<>(targets.size());
            boolean zeroHugeKnown = scan != null || frames;
            int i = 0;
            while (i < targets.size()) {
                // A group: targets that follow one another with no gap, read as one range.
                int j = i;
                while (j + 1 < targets.size() && targets.get(j + 1).start() == targets.get(j).end()) {
                    j++;
                }
                group = targets.subList(i, j + 1);
                done = pages;
                current = 0;
                counter = new PageCounter(group.get(0), pageSize, zeroHugeKnown, frames, runs, sink);
                long start = group.get(0).start();
                long end = group.get(group.size() - 1).end();
                if (scan != null) {
                    scanGroup(start, end);
                } else {
                    starts[0] = start;
                    ends[0] = end;
                    categories[0] = UNKNOWN_CATEGORIES;
                    regions(1);
                }
                // The rest of the group: the last counted, and those after it that hold no page read.
                while (true) {
                    pages.add(counter.finish());
                    if (++current == group.size()) {
                        break;
                    }
                    counter = new PageCounter(group.get(current), pageSize, zeroHugeKnown, frames, runs, sink);
                }
                i = j + 1;
            }
            return pages;
        }

        private void scanGroup(long start, long end) throws ProcException {
            long cursor = start;
            while (Long.compareUnsigned(cursor, end) < 0) {
                int n;
                try {
                    n = scan.scan(cursor, end, SCAN_ANY, SCAN_RETURN);
                } catch (LibcException e) {
                    if (e.errno() == Libc.EFAULT) {
                        // Above the user address space ([vsyscall]): in no page table the ioctl walks, untouched.
                        break;
                    }
                    throw e.errno() == Libc.ESRCH ? gone(pid, e)
                            : new ProcException(ProcException.Kind.IO, null, "cannot scan the pages of process "
                            + pid + ": " + e.getMessage(), e);
                }
                scan.regions(n, vector);
                for (int k = 0; k < n; k++) {
                    starts[k] = vector[3 * k];
                    ends[k] = vector[3 * k + 1];
                    categories[k] = vector[3 * k + 2];
                }
                regions(n);
                long walkEnd = scan.walkEnd();
                if (n < scan.capacity() || Long.compareUnsigned(walkEnd, cursor) <= 0) {
                    break;
                }
                cursor = walkEnd;
            }
        }

        /** Reads pagemap around regions {@code 0 .. count-1} (in order) and counts their pages. */
        private void regions(int count) throws ProcException {
            long maxBytes = (long) entries.length * pageSize;
            int i = 0;
            long position = count > 0 ? starts[0] : 0;
            while (i < count) {
                long windowStart = Math.max(position, starts[i]);
                long windowEnd = ends[i] - windowStart > maxBytes ? windowStart + maxBytes : ends[i];
                int j = i;
                while (windowEnd == ends[j] && j + 1 < count && starts[j + 1] - windowEnd <= GAP_PAGES * pageSize
                        && ends[j + 1] - windowStart <= maxBytes) {
                    j++;
                    windowEnd = ends[j];
                }
                window(windowStart, windowEnd, i, j);
                if (windowEnd == ends[j]) {
                    i = j + 1;
                    position = i < count ? starts[i] : 0;
                } else {
                    position = windowEnd;
                }
            }
        }

        /** One pread of pagemap over {@code [start, end)}, and the pages of regions {@code first .. last} in it. */
        private void window(long start, long end, int first, int last) throws ProcException {
            int wanted = (int) ((end - start) / pageSize);
            int got = pagemap.read(Long.divideUnsigned(start, pageSize), entries, wanted);
            if (got < wanted && procFs.exitedNote(pid).isPresent()) {
                throw gone(pid, null);
            }
            // Otherwise the read ended at the top of the user address space ([vsyscall] lies above it): those
            // pages are in no page table, untouched.
            if (frames) {
                lookUpFrames(start, got, first, last);
            }
            int nextFramed = 0;
            for (int k = first; k <= last; k++) {
                long from = Math.max(starts[k], start);
                long to = Math.min(ends[k], end);
                for (long address = from; Long.compareUnsigned(address, to) < 0; address += pageSize) {
                    int index = (int) ((address - start) / pageSize);
                    if (index >= got) {
                        break;
                    }
                    long entry = entries[index];
                    int state = state(entry, categories[k]);
                    // 0 unless root: pagemap hides frame numbers from others.
                    long frame = (state & PageState.PRESENT) != 0 ? entry & PagemapEntry.FRAME_MASK : 0;
                    long flags = 0;
                    if (frames && (state & PageState.PRESENT) != 0) {
                        int at = nextFramed++;
                        flags = flagsOf[at];
                        state |= frameState(flags, countOf[at], categories[k] == UNKNOWN_CATEGORIES);
                    }
                    counterFor(address).page(address, state, frame, flags);
                }
            }
        }

        /** Collects the present pages' frames of the window, in the order {@link #window} visits them. */
        private void lookUpFrames(long start, int got, int first, int last) throws ProcException {
            int n = 0;
            for (int k = first; k <= last; k++) {
                long from = Math.max(starts[k], start);
                int fromIndex = (int) ((from - start) / pageSize);
                int toIndex = (int) Math.min(got, (Math.min(ends[k], start + (long) got * pageSize) - start)
                        / pageSize);
                for (int index = fromIndex; index < toIndex; index++) {
                    if (entries[index] < 0) {
                        frameOf[n++] = entries[index] & PagemapEntry.FRAME_MASK;
                    }
                }
            }
            lookup.lookup(frameOf, n, flagsOf, countOf);
        }

        private PageCounter counterFor(long address) {
            // One counter at a time: a 60,000-mapping process holds only the counts of those already read.
            while (Long.compareUnsigned(group.get(current).end(), address) <= 0) {
                done.add(counter.finish());
                current++;
                counter = new PageCounter(group.get(current), pageSize, counter.zeroHugeKnown(), frames, runs,
                        sink);
            }
            return counter;
        }
    }

    /** A page's state from its pagemap entry and, when known, the categories PAGEMAP_SCAN gave its run. */
    static int state(long entry, long categories) {
        int state = 0;
        if (entry < 0) {
            state |= PageState.PRESENT;
        } else if ((entry >>> PagemapEntry.SWAPPED_BIT & 1) != 0) {
            state |= PageState.SWAPPED;
        } else {
            return 0;
        }
        if ((entry >>> PagemapEntry.FILE_BIT & 1) != 0) {
            state |= PageState.FILE;
        }
        if ((entry >>> PagemapEntry.EXCLUSIVE_BIT & 1) != 0) {
            state |= PageState.EXCLUSIVE;
        }
        if (categories != UNKNOWN_CATEGORIES) {
            if ((categories & PagemapScan.PAGE_IS_PFNZERO) != 0 && (state & PageState.PRESENT) != 0) {
                state |= PageState.ZERO;
            }
            if ((categories & PagemapScan.PAGE_IS_HUGE) != 0) {
                state |= PageState.HUGE;
            }
        }
        return state;
    }

    /** What a present page's frame adds (root): shared, KSM, and (without PAGEMAP_SCAN) zero and huge. */
    static int frameState(long flags, long mapCount, boolean zeroHugeFromFlags) {
        int state = 0;
        if (mapCount > 1) {
            state |= PageState.SHARED_FRAME;
        }
        if ((flags >>> KernelPageFlags.KSM & 1) != 0) {
            state |= PageState.KSM;
        }
        if (zeroHugeFromFlags) {
            if ((flags >>> KernelPageFlags.ZERO_PAGE & 1) != 0) {
                state |= PageState.ZERO;
            }
            if ((flags >>> KernelPageFlags.THP & 1) != 0 || (flags >>> KernelPageFlags.HUGE & 1) != 0) {
                state |= PageState.HUGE;
            }
        }
        return state;
    }
}
