package vmtool.sharing;

/**
 * Sizes summed over mappings, in kB as smaps counts them.
 *
 * @param mappings how many mappings
 * @param sizeKb   virtual size
 * @param rssKb    resident (with hugetlb pages, which smaps leaves out of Rss), counted once per process that maps
 *                 it: what adding up RSS overcounts
 * @param pssKb    proportional share: a page shared by n processes counts 1/n in each, so the sum over a program is
 *                 what it really holds
 * @param ussKb    unique: Private_Clean + Private_Dirty, what would be freed if the processes ended
 * @param swapKb   swapped out
 */
public record Sums(int mappings, long sizeKb, long rssKb, long pssKb, long ussKb, long swapKb) {
    public static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0);

    public Sums plus(Sums other) {
        return new Sums(mappings + other.mappings, sizeKb + other.sizeKb, rssKb + other.rssKb, pssKb + other.pssKb,
                ussKb + other.ussKb, swapKb + other.swapKb);
    }
}
