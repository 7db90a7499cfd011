package vmtool.sharing;

/**
 * {@link Sums} being added up, one mapping at a time, in place: a program's anatomy adds each of its ~10,000 mappings
 * to four sums (its process's, its kind's twice, its object's), and a new Sums for each step was half of that work.
 */
final class RunningSums {
    private int mappings;
    private long sizeKb;
    private long rssKb;
    private long pssKb;
    private long ussKb;
    private long swapKb;

    /** Makes these one mapping's sums (mappings = 1). */
    void setOne(long size, long rss, long pss, long uss, long swap) {
        mappings = 1;
        sizeKb = size;
        rssKb = rss;
        pssKb = pss;
        ussKb = uss;
        swapKb = swap;
    }

    void add(RunningSums other) {
        mappings += other.mappings;
        sizeKb += other.sizeKb;
        rssKb += other.rssKb;
        pssKb += other.pssKb;
        ussKb += other.ussKb;
        swapKb += other.swapKb;
    }

    void add(Sums other) {
        mappings += other.mappings();
        sizeKb += other.sizeKb();
        rssKb += other.rssKb();
        pssKb += other.pssKb();
        ussKb += other.ussKb();
        swapKb += other.swapKb();
    }

    Sums sums() {
        return new Sums(mappings, sizeKb, rssKb, pssKb, ussKb, swapKb);
    }
}
