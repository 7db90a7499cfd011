package vmtool.programs;

import java.util.List;

/**
 * The sums over some processes whose memory was read: their smaps_rollup fields added field by field, and their
 * mappings. Summed PSS is the processes' honest share of memory; summed RSS counts each shared page once per
 * process that maps it.
 *
 * @param processes how many processes were added (those with their memory read)
 * @param rollup    the field by field sum
 * @param mappings  the sum of their mapping counts
 */
public record Totals(int processes, Rollup rollup, long mappings) {
    /** The sums over those of {@code processes} whose memory was read (the others have no figures to add). */
    public static Totals of(List<ProcessSummary> processes) {
        Rollup sum = null;
        int count = 0;
        long mappings = 0;
        for (ProcessSummary process : processes) {
            if (!process.readable()) {
                continue;
            }
            sum = sum == null ? process.rollup() : sum.plus(process.rollup());
            count++;
            mappings += process.mappings();
        }
        return new Totals(count, sum == null ? Rollup.NONE : sum, mappings);
    }
}
