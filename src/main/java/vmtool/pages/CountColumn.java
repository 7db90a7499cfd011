package vmtool.pages;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The counts every output of {@code pages} shows, each named once: its header for people, its JSON and CSV key
 * (in kB), and what it counts. docs/pages.md says what each means.
 */
public enum CountColumn {
    SIZE("SIZE", "size_kb", PageCounts::pages, "the range's size"),
    RSS("RSS", "rss_kb", PageCounts::resident, "present pages the kernel counts in Rss (as smaps)"),
    SWAP("SWAP", "swapped_kb", PageCounts::swapped, "pages in swap"),
    UNTOUCHED("UNTOUCHED", "untouched_kb", PageCounts::untouched, "neither present nor swapped"),
    ZERO("ZERO", "zero_kb", PageCounts::zero, "present, mapping the shared zero page (not in Rss)"),
    HUGE("HUGE", "huge_kb", PageCounts::huge, "in huge pages (PMD-mapped THP, hugetlb)"),
    EXCLUSIVE("EXCL", "exclusive_kb", PageCounts::exclusive, "present, mapped by this process only"),
    SHARED("SHARED", "shared_kb", PageCounts::shared, "present, mapped elsewhere too"),
    FILE("FILE", "file_kb", PageCounts::file, "present file pages and shared anonymous memory"),
    ANON("ANON", "anon_kb", PageCounts::anonymous, "present private anonymous pages"),
    SHARED_FRAMES("FRAMES>1", "shared_frames_kb", PageCounts::sharedFrames,
            "root: present pages whose frame is mapped more than once (kpagecount)"),
    KSM("KSM", "ksm_kb", PageCounts::ksm, "root: present pages merged by KSM");

    private final String header;
    private final String key;
    private final ToLongFunction<PageCounts> pages;
    private final String meaning;

    CountColumn(String header, String key, ToLongFunction<PageCounts> pages, String meaning) {
        this.header = header;
        this.key = key;
        this.pages = pages;
        this.meaning = meaning;
    }

    public String header() {
        return header;
    }

    public String key() {
        return key;
    }

    public String meaning() {
        return meaning;
    }

    /** The count in kB; -1 when not known. */
    public long kb(PageCounts counts) {
        long value = pages.applyAsLong(counts);
        return counts.kb(value);
    }

    /** The columns a report has: the frames' two only when frames were read. */
    public static List<CountColumn> of(PageReport report) {
        return report.frames() ? List.of(values())
                : List.of(SIZE, RSS, SWAP, UNTOUCHED, ZERO, HUGE, EXCLUSIVE, SHARED, FILE, ANON);
    }
}
