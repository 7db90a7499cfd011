package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one page as a set of bits, what a {@link PageRun} holds for all its pages. 0 is a page never touched
 * (neither present nor swapped). ZERO and HUGE are known only through PAGEMAP_SCAN or, for root, kpageflags;
 * SHARED_FRAME and KSM only for root.
 */
public final class PageState {
    public static final int PRESENT = 1;
    public static final int SWAPPED = 1 << 1;
    /** A file page or shared anonymous memory (pagemap bit 61). */
    public static final int FILE = 1 << 2;
    /** Mapped by this process only (pagemap bit 56). */
    public static final int EXCLUSIVE = 1 << 3;
    /** The shared zero page (a read fault on many kernels): present, but not counted in Rss. */
    public static final int ZERO = 1 << 4;
    /** In a huge page (a PMD-mapped transparent huge page, or hugetlb). */
    public static final int HUGE = 1 << 5;
    /** Root: the frame is mapped more than once (kpagecount > 1). */
    public static final int SHARED_FRAME = 1 << 6;
    /** Root: a page that KSM merged. */
    public static final int KSM = 1 << 7;

    private static final String[] NAMES = {"present", "swapped", "file", "exclusive", "zero", "huge",
        "shared-frame", "ksm"};

    private PageState() {
    }

    /** The names of the bits set, e.g. {@code [present, exclusive]}; {@code [untouched]} for 0. */
    public static List<String> names(int state) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((state & 1 << i) != 0) {
                names.add(NAMES[i]);
            }
        }
        if (names.isEmpty()) {
            names.add("untouched");
        }
        return names;
    }
}
