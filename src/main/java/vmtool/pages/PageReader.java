package vmtool.pages;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;
import vmtool.nativeio.PagemapScan;
import vmtool.proc.EntryFile;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * Reads the state of a process's pages (docs/pages.md).
 * <ul>
 * <li>Where the kernel has PAGEMAP_SCAN (6.7+), pagemap is read in batches of up to {@link #BATCH} entries, and the
 *     ioctl answers what pagemap does not say (the zero page, huge pages) only for batches that may hold such a
 *     page: a present page neither exclusive nor of a file (the zero page is neither), or a huge page's worth of
 *     aligned pages all present or swapped. Where a batch is almost all untouched (a reservation), the ioctl finds
 *     the runs that are present or swapped instead, and pagemap is read only around them; where its runs come
 *     close together again, the batches take over.</li>
 * <li>Otherwise, and when asked ({@link Options#scan} false: the tests' independent check), pagemap alone, read in
 *     the same batches over each run of adjacent mappings.</li>
 * <li>Either way, over a run of mappings of {@link #AHEAD_MIN_BATCHES} batches or more, every other batch is read by
 *     a second thread ({@link ReadAhead}) while the one before it is read and counted.</li>
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
    /**
     * Batches a run of mappings must span for the second reading thread (ReadAhead: ~1 MiB of buffers): the
     * 60,024-mapping process (one run of 2 batches) was within 1.5 MiB of the 64 MiB target before it.
     */
    static final int AHEAD_MIN_BATCHES = 4;
    private static final long SCAN_ANY = PagemapScan.PAGE_IS_PRESENT | PagemapScan.PAGE_IS_SWAPPED;
    /**
     * What each run found is told by. Never PAGE_IS_FILE, in no mask: with it the kernel looks up the struct page of
     * each present page (vm_normal_page), which made a scan of 1M present pages ~3x slower (docs/performance.md);
     * whether a page is a file's comes from pagemap's bit 61.
     */
    private static final long SCAN_RETURN = SCAN_ANY | PagemapScan.PAGE_IS_PFNZERO | PagemapScan.PAGE_IS_HUGE;
    /** What the scan of a batch read whole looks for: what pagemap does not say. */
    private static final long SCAN_ZERO_HUGE = PagemapScan.PAGE_IS_PFNZERO | PagemapScan.PAGE_IS_HUGE;
    /**
     * Runs closer than this many pages are read from pagemap in one pread (the entries between: 4 KiB); and where
     * the touched pages are on average closer than this, reading pagemap whole costs less than finding the runs.
     */
    private static final long GAP_PAGES = 512;
    private static final long UNKNOWN_CATEGORIES = -1;
    private static final long SWAPPED = 1L << PagemapEntry.SWAPPED_BIT;
    private static final long NOT_ZERO = 1L << PagemapEntry.EXCLUSIVE_BIT | 1L << PagemapEntry.FILE_BIT;

    /**
     * @param runs whether to build each mapping's runs (held packed: a few bytes per run, PackedRuns)
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
            Walk walk = new Walk(pid, pagemap, scan, scan == null ? 1 : hugeBlock(), lookup, frames, options.runs(),
                    sink);
            try {
                List<MappingPages> pages = walk.all(targets).build();
                return new PageReport(pid, scan != null ? ReadMethod.PAGEMAP_SCAN : ReadMethod.PAGEMAP_READ,
                        fallback, privileged, frames, pageSize, pages);
            } finally {
                walk.closeReadAhead();
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

    /**
     * The pages of the smallest huge page this kernel maps (a power of two, at most a batch): a batch with no
     * aligned block of so many pages all present or swapped holds no huge page. 0 when the kernel has none; 1 when
     * that cannot be read (then every batch with a page in it is scanned).
     */
    private int hugeBlock() {
        OptionalLong smallest = procFs.smallestHugePage();
        if (smallest.isEmpty()) {
            return 1;
        }
        if (smallest.getAsLong() == Long.MAX_VALUE) {
            return 0;
        }
        long pages = Math.max(1, smallest.getAsLong() / pageSize);
        return (int) Math.min(BATCH, Long.highestOneBit(pages));
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
        /** See {@link #hugeBlock()}; its mask. */
        private final int hugeBlock;
        private final long hugeMask;
        private final FrameLookup lookup;
        private final boolean frames;
        private final boolean runs;
        /** Whether each page goes to its counter on its own (runs, frames), or a mapping's pages all at once. */
        private final boolean pageByPage;
        /** The entries of the last read (swapped with {@link #ahead}'s buffer when it made that read). */
        private long[] entries;
        /** The second reader, started when a range needs more than one batch; null until then. */
        private ReadAhead ahead;
        private final long[] frameOf;
        private final long[] flagsOf;
        private final long[] countOf;
        private final long[] vector = new long[3 * SCAN_CAPACITY];
        /** The regions whose pages are counted: the runs a scan found, or one batch read whole. */
        private final long[] starts = new long[SCAN_CAPACITY];
        private final long[] ends = new long[SCAN_CAPACITY];
        private final long[] categories = new long[SCAN_CAPACITY];
        /** Over a batch read whole: the runs of zero and huge pages the scan found in it, in order. */
        private long[] zeroHuge = new long[3 * 64];
        private int zeroHugeCount;
        private int zeroHugeNext;
        /** Whether the last scan's runs came so close together that reading pagemap whole costs less. */
        private boolean closeRuns;
        /** The mappings read so far; the one being counted; the targets of the group being read. */
        private PackedPages.Builder done;
        private PageCounter counter;
        private List<PageTarget> group;
        private int current;

        /** Where the runs go as they are made, or null. */
        private final RunSink sink;

        Walk(int pid, EntryFile pagemap, PagemapScan scan, int hugeBlock, FrameLookup lookup, boolean frames,
             boolean runs, RunSink sink) {
            this.sink = sink;
            this.pid = pid;
            this.pagemap = pagemap;
            this.scan = scan;
            this.hugeBlock = hugeBlock;
            this.hugeMask = hugeBlock - 1L;
            this.lookup = lookup;
            this.frames = frames;
            this.runs = runs;
            this.pageByPage = frames || runs || sink != null;
            this.entries = new long[pagemap.batch()];
            this.frameOf = frames ? new long[pagemap.batch()] : null;
            this.flagsOf = frames ? new long[pagemap.batch()] : null;
            this.countOf = frames ? new long[pagemap.batch()] : null;
        }

        PackedPages.Builder all(List<PageTarget> targets) throws ProcException {
            PackedPages.Builder pages = new PackedPages.Builder(pageSize, targets.size());
            boolean zeroHugeKnown = scan != null || frames;
            int i = 0;
            while (i < targets.size()) {
                // A group: targets that follow one another with no gap, read as one range.
                int j = i;
                long groupEnd = targets.get(i).end();
                for (PageTarget next; j + 1 < targets.size() && (next = targets.get(j + 1)).start() == groupEnd; j++) {
                    groupEnd = next.end();
                }
                group = targets.subList(i, j + 1);
                done = pages;
                current = 0;
                counter = new PageCounter(group.get(0), pageSize, zeroHugeKnown, frames, runs, sink);
                readGroup(counter.start(), groupEnd);
                // The rest of the group: the last counted, and those after it that hold no page read.
                while (true) {
                    counter.finish(pages);
                    if (++current == group.size()) {
                        break;
                    }
                    counter = new PageCounter(group.get(current), pageSize, zeroHugeKnown, frames, runs, sink);
                }
                i = j + 1;
            }
            return pages;
        }

        /** Reads {@code [start, end)} in batches, or, with the scan, where its pages lie sparsely, by their runs. */
        private void readGroup(long start, long end) throws ProcException {
            long cursor = start;
            boolean batches = true;
            boolean twoThreads = Long.compareUnsigned((end - start) / pageSize,
                    (long) AHEAD_MIN_BATCHES * entries.length) >= 0;
            while (Long.compareUnsigned(cursor, end) < 0) {
                if (batches) {
                    long to = batchEnd(cursor, end);
                    if (twoThreads && Long.compareUnsigned(to, end) < 0 && !readAhead(cursor, to)) {
                        // The next batch is read on the other thread while this one is read and counted here;
                        // the one after it here again (one read ahead), so that both threads read.
                        long after = batchEnd(to, end);
                        ahead().request(Long.divideUnsigned(to, pageSize), (int) ((after - to) / pageSize));
                    }
                    // Almost nothing in a whole batch: a reservation, whose empty page tables the scan skips at
                    // once, where a read still writes an entry per page.
                    batches = batch(cursor, to) * GAP_PAGES >= (to - cursor) / pageSize || scan == null;
                    cursor = to;
                } else {
                    cursor = scanStep(cursor, end);
                    batches = closeRuns;
                }
            }
        }

        /**
         * Where the batch from {@code cursor} ends: a batch on, at a boundary of {@link #hugeBlock} pages (a huge
         * page is then never split between two batches, which would each see only part of it), or {@code end}.
         */
        private long batchEnd(long cursor, long end) {
            long most = (long) entries.length * pageSize;
            if (Long.compareUnsigned(end - cursor, most) <= 0) {
                return end;
            }
            long to = cursor + most;
            long aligned = hugeBlock > 1 ? to & -(hugeBlock * pageSize) : to;
            return Long.compareUnsigned(aligned, cursor) > 0 ? aligned : to;
        }

        /**
         * Reads pagemap over {@code [start, end)} in one pread and counts its pages, with the scan's word on the zero
         * page and huge pages where they may be.
         *
         * @return how many pages were present or swapped
         */
        private long batch(long start, long end) throws ProcException {
            int got = read(start, end);
            long touched = 0;
            zeroHugeCount = 0;
            zeroHugeNext = 0;
            long known = UNKNOWN_CATEGORIES;
            if (scan != null) {
                known = 0;
                boolean candidate = false;
                // Blocks by virtual page number: a huge page is aligned to its size.
                long page = Long.divideUnsigned(start, pageSize);
                boolean full = true;
                for (int i = 0; i < got; i++, page++) {
                    long entry = entries[i];
                    boolean used = entry < 0 || (entry & SWAPPED) != 0;
                    if (used) {
                        touched++;
                        // The zero page has no struct page behind it: pagemap never calls it exclusive or a file's.
                        candidate |= entry < 0 && (entry & NOT_ZERO) == 0;
                    }
                    if (hugeBlock != 0) {
                        full = ((page & hugeMask) == 0 || full) && used;
                        candidate |= full && ((page & hugeMask) == hugeMask || i == got - 1);
                    }
                }
                if (candidate) {
                    scanZeroHuge(start, start + (long) got * pageSize);
                }
            }
            if (pageByPage) {
                starts[0] = start;
                ends[0] = end;
                categories[0] = known;
                if (frames) {
                    lookUpFrames(start, got, 0, 0);
                }
                countPages(start, end, got, 0, 0);
            } else {
                countAll(start, got);
            }
            return touched;
        }

        /** The runs of zero and huge pages in {@code [start, end)} (read whole), into {@link #zeroHuge}. */
        private void scanZeroHuge(long start, long end) throws ProcException {
            long cursor = start;
            while (Long.compareUnsigned(cursor, end) < 0) {
                int n = scanCall(cursor, end, SCAN_ZERO_HUGE);
                if (n < 0) {
                    return;
                }
                if (3 * (zeroHugeCount + n) > zeroHuge.length) {
                    zeroHuge = Arrays.copyOf(zeroHuge, Math.max(2 * zeroHuge.length, 3 * (zeroHugeCount + n)));
                }
                scan.regions(n, vector);
                System.arraycopy(vector, 0, zeroHuge, 3 * zeroHugeCount, 3 * n);
                zeroHugeCount += n;
                long next = nextCursor(cursor, n);
                if (n < scan.capacity() || next == cursor) {
                    return;
                }
                cursor = next;
            }
        }

        /**
         * One scan from {@code cursor} for the runs present or swapped, and their pages counted; {@link #closeRuns}
         * says whether the batches should take over from where it stopped.
         *
         * @return where the next step starts
         */
        private long scanStep(long cursor, long end) throws ProcException {
            closeRuns = false;
            int n = scanCall(cursor, end, SCAN_ANY);
            if (n < 0) {
                return end;
            }
            scan.regions(n, vector);
            for (int k = 0; k < n; k++) {
                starts[k] = vector[3 * k];
                ends[k] = vector[3 * k + 1];
                categories[k] = vector[3 * k + 2];
            }
            zeroHugeCount = 0;
            regions(n);
            long next = nextCursor(cursor, n);
            if (n < scan.capacity() || next == cursor) {
                return end;
            }
            // Runs this close: reading pagemap whole costs less than finding them and reading around them.
            closeRuns = (next - cursor) / pageSize < GAP_PAGES * n;
            return next;
        }

        /**
         * One PAGEMAP_SCAN call over {@code [cursor, end)} for pages in any of {@code anyOf}: how many regions, or
         * -1 when the range lies above the user address space.
         */
        private int scanCall(long cursor, long end, long anyOf) throws ProcException {
            try {
                return scan.scan(cursor, end, anyOf, SCAN_RETURN);
            } catch (LibcException e) {
                if (e.errno() == Libc.EFAULT) {
                    // Above the user address space ([vsyscall]): in no page table the ioctl walks, untouched.
                    return -1;
                }
                throw e.errno() == Libc.ESRCH ? gone(pid, e)
                        : new ProcException(ProcException.Kind.IO, null, "cannot scan the pages of process "
                        + pid + ": " + e.getMessage(), e);
            }
        }

        /**
         * Where the scan goes on after a call that found {@code n} regions (in {@link #vector}): where it stopped,
         * but never before the end of the last region it gave. When the vector fills at the very end of a walk,
         * Linux 6.18 reports the stop at the start of the last page table, whose runs it has given already.
         */
        private long nextCursor(long cursor, int n) {
            long next = scan.walkEnd();
            if (n > 0 && Long.compareUnsigned(vector[3 * n - 2], next) > 0) {
                next = vector[3 * n - 2];
            }
            return Long.compareUnsigned(next, cursor) > 0 ? next : cursor;
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
                int got = read(windowStart, windowEnd);
                if (frames) {
                    lookUpFrames(windowStart, got, i, j);
                }
                countPages(windowStart, windowEnd, got, i, j);
                if (windowEnd == ends[j]) {
                    i = j + 1;
                    position = i < count ? starts[i] : 0;
                } else {
                    position = windowEnd;
                }
            }
        }

        /** Whether {@code [start, end)} is being read, or was read, by {@link #ahead}. */
        private boolean readAhead(long start, long end) {
            return ahead != null && ahead.holds(Long.divideUnsigned(start, pageSize), (int) ((end - start) / pageSize));
        }

        private ReadAhead ahead() throws ProcException {
            if (ahead == null) {
                ahead = new ReadAhead(procFs.pagemap(pid, entries.length));
            }
            return ahead;
        }

        void closeReadAhead() {
            if (ahead != null) {
                ahead.close();
            }
        }

        /**
         * One pread of pagemap over {@code [start, end)} into {@link #entries} (or the read {@link #ahead} made of
         * it): how many entries it gave.
         */
        private int read(long start, long end) throws ProcException {
            int wanted = (int) ((end - start) / pageSize);
            int got;
            if (readAhead(start, end)) {
                entries = ahead.take(entries);
                got = ahead.got();
            } else {
                got = pagemap.read(Long.divideUnsigned(start, pageSize), entries, wanted);
            }
            if (got < wanted && procFs.exitedNote(pid).isPresent()) {
                throw gone(pid, null);
            }
            // Otherwise the read ended at the top of the user address space ([vsyscall] lies above it): those
            // pages are in no page table, untouched.
            return got;
        }

        /** Counts, page by page, the pages of regions {@code first .. last} in the entries read from {@code start}. */
        private void countPages(long start, long end, int got, int first, int last) {
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
                    int state = state(entry, zeroHugeCount > 0 ? categoriesAt(address) : categories[k]);
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

        /** The scan's categories of the page at {@code address} of a batch read whole (addresses in order). */
        private long categoriesAt(long address) {
            while (zeroHugeNext < zeroHugeCount
                    && Long.compareUnsigned(zeroHuge[3 * zeroHugeNext + 1], address) <= 0) {
                zeroHugeNext++;
            }
            return zeroHugeNext < zeroHugeCount && Long.compareUnsigned(zeroHuge[3 * zeroHugeNext], address) <= 0
                    ? zeroHuge[3 * zeroHugeNext + 2] : 0;
        }

        /**
         * Counts the {@code got} pages read from {@code start}, each mapping's at once: the pagemap bits in one loop,
         * then the zero and huge pages of the runs the scan found.
         */
        private void countAll(long start, int got) {
            long readEnd = start + (long) got * pageSize;
            long address = start;
            int run = 0;
            while (Long.compareUnsigned(address, readEnd) < 0) {
                PageCounter into = counterFor(address);
                long targetEnd = into.end();
                long to = Long.compareUnsigned(targetEnd, readEnd) < 0 ? targetEnd : readEnd;
                int from = (int) ((address - start) / pageSize);
                int until = (int) ((to - start) / pageSize);
                long present = 0;
                long swapped = 0;
                long exclusive = 0;
                long file = 0;
                for (int i = from; i < until; i++) {
                    long entry = entries[i];
                    if (entry < 0) {
                        present++;
                        exclusive += entry >>> PagemapEntry.EXCLUSIVE_BIT & 1;
                        file += entry >>> PagemapEntry.FILE_BIT & 1;
                    } else if ((entry & SWAPPED) != 0) {
                        swapped++;
                    }
                }
                long zero = 0;
                long huge = 0;
                for (; run < zeroHugeCount && Long.compareUnsigned(zeroHuge[3 * run], to) < 0; run++) {
                    long runStart = zeroHuge[3 * run];
                    long runEnd = zeroHuge[3 * run + 1];
                    long runCategories = zeroHuge[3 * run + 2];
                    int i = (int) (((Long.compareUnsigned(runStart, address) > 0 ? runStart : address) - start)
                            / pageSize);
                    int j = (int) (((Long.compareUnsigned(runEnd, to) < 0 ? runEnd : to) - start) / pageSize);
                    for (; i < j; i++) {
                        int state = state(entries[i], runCategories);
                        zero += (state & PageState.ZERO) != 0 ? 1 : 0;
                        huge += (state & PageState.HUGE) != 0 ? 1 : 0;
                    }
                    if (Long.compareUnsigned(runEnd, to) > 0) {
                        // The run goes on into the next mapping.
                        break;
                    }
                }
                into.pages(present, swapped, zero, huge, exclusive, file);
                address = to;
            }
        }

        /** Collects the present pages' frames of the window, in the order {@link #countPages} visits them. */
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
            while (Long.compareUnsigned(counter.end(), address) <= 0) {
                counter.finish(done);
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
