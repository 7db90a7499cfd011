package vmtool.pages;

import java.util.List;

/**
 * Counts the pages of one {@link PageTarget} as the reader hands them over, in address order, and builds its runs
 * when asked. Pages the reader skips (PAGEMAP_SCAN said they are neither present nor swapped) are untouched.
 */
final class PageCounter {
    private final PageTarget target;
    private final long pageSize;
    private final boolean zeroHugeKnown;
    private final boolean frames;
    private final boolean countedInRss;
    private final PackedRuns.Builder runs;
    /** Where the runs go instead, when a caller folds them as they come; null otherwise. */
    private final RunSink sink;

    private long present;
    private long swapped;
    private long zero;
    private long huge;
    private long exclusive;
    private long file;
    private long uncounted;
    private long sharedFrames;
    private long ksm;
    private final long[] flagPages;

    /** The run being built: from runStart to next, in runState; runFrame its first frame, runFlags their AND. */
    private long runStart;
    private long next;
    private int runState;
    private long runFrame = -1;
    private long lastFrame = -1;
    private long runFlags = -1;

    PageCounter(PageTarget target, long pageSize, boolean zeroHugeKnown, boolean frames, boolean runs) {
        this(target, pageSize, zeroHugeKnown, frames, runs, null);
    }

    /** With {@code sink}, the runs are made (as with {@code runs}) but handed to it, not kept. */
    PageCounter(PageTarget target, long pageSize, boolean zeroHugeKnown, boolean frames, boolean runs,
                RunSink sink) {
        this.target = target;
        this.pageSize = pageSize;
        this.zeroHugeKnown = zeroHugeKnown;
        this.frames = frames;
        this.countedInRss = target.countedInRss();
        this.sink = sink;
        this.runs = runs && sink == null ? new PackedRuns.Builder(pageSize) : null;
        if (sink != null) {
            sink.begin(target);
        }
        this.flagPages = frames ? new long[64] : null;
        this.runStart = target.start();
        this.next = target.start();
    }

    /**
     * One page at {@code address} (not below the last one given).
     *
     * @param state the page's {@link PageState} bits
     * @param frame its frame (root, present), else 0
     * @param flags its kpageflags (root, present), else 0
     */
    void page(long address, int state, long frame, long flags) {
        if ((state & PageState.PRESENT) != 0) {
            present++;
            if ((state & PageState.ZERO) != 0) {
                zero++;
            }
            if ((state & PageState.HUGE) != 0) {
                huge++;
            }
            if ((state & PageState.EXCLUSIVE) != 0) {
                exclusive++;
            }
            if ((state & PageState.FILE) != 0) {
                file++;
            }
            if (!countedInRss || (state & PageState.ZERO) != 0) {
                uncounted++;
            }
            if ((state & PageState.SHARED_FRAME) != 0) {
                sharedFrames++;
            }
            if ((state & PageState.KSM) != 0) {
                ksm++;
            }
            if (flagPages != null) {
                for (long rest = flags; rest != 0; rest &= rest - 1) {
                    flagPages[Long.numberOfTrailingZeros(rest)]++;
                }
            }
        } else if ((state & PageState.SWAPPED) != 0) {
            swapped++;
            if ((state & PageState.HUGE) != 0) {
                huge++;
            }
        }
        if (runs != null || sink != null) {
            run(address, state, frame, flags);
        }
    }

    /**
     * Pages counted together, as {@link #page} would count them one by one, when neither runs nor frames are made:
     * {@code present} present pages, of which {@code zero} are the zero page and {@code exclusive} and {@code file}
     * have those bits; {@code swapped} swapped pages; {@code huge} of either in huge pages.
     */
    void pages(long present, long swapped, long zero, long huge, long exclusive, long file) {
        this.present += present;
        this.swapped += swapped;
        this.zero += zero;
        this.huge += huge;
        this.exclusive += exclusive;
        this.file += file;
        uncounted += countedInRss ? zero : present;
    }

    private void run(long address, int state, long frame, long flags) {
        if (address != next) {
            // The pages between were skipped: untouched.
            extend(next, 0, 0, 0);
            next = address;
        }
        extend(address, state, frame, flags);
        next = address + pageSize;
    }

    private void extend(long address, int state, long frame, long flags) {
        boolean framed = frame > 0 && (state & PageState.PRESENT) != 0;
        boolean continues = address != runStart && state == runState
                && (!framed || frame == lastFrame + 1);
        if (!continues) {
            if (address != runStart) {
                close(address);
            }
            runStart = address;
            runState = state;
            runFrame = framed ? frame : -1;
            runFlags = framed && frames ? flags : -1;
        } else if (framed && frames) {
            runFlags &= flags;
        }
        lastFrame = frame;
    }

    private void close(long end) {
        if (sink != null) {
            sink.run(new PageRun(runStart, end, runState, runFrame, runFlags));
        } else {
            runs.add(runStart, end, runState, runFrame, runFlags);
        }
    }

    long start() {
        return target.start();
    }

    /** The address after this mapping's range. */
    long end() {
        return target.end();
    }

    boolean zeroHugeKnown() {
        return zeroHugeKnown;
    }

    /** Closes the last run, and adds this mapping's counts and runs to {@code into}. */
    void finish(PackedPages.Builder into) {
        if (runs != null || sink != null) {
            if (next != target.end()) {
                extend(next, 0, 0, 0);
            }
            close(target.end());
        }
        long pages = (target.end() - target.start()) / pageSize;
        long unknownUnlessKnown = zeroHugeKnown ? 0 : PageCounts.UNKNOWN;
        into.add(target, pages, present, swapped, zeroHugeKnown ? zero : unknownUnlessKnown,
                zeroHugeKnown ? huge : unknownUnlessKnown, exclusive, file, uncounted,
                frames ? sharedFrames : PageCounts.UNKNOWN, frames ? ksm : PageCounts.UNKNOWN,
                flagPages == null ? null : FlagCounts.of(flagPages), runs == null ? List.of() : runs.build());
    }
}
