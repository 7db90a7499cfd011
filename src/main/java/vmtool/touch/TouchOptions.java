package vmtool.touch;

import java.util.OptionalLong;

/**
 * What one run of {@code vmtool touch} is asked to do, already validated.
 *
 * @param megabytes    MiB to allocate and touch (at least 1)
 * @param seconds      how long to run, or empty to run until a signal
 * @param intervalMillis how often to report while running
 * @param mode         how each pass touches memory
 * @param threads      worker threads (at least 1)
 * @param lock         mlock the buffers
 * @param hugePages    advise transparent huge pages
 * @param addresses    print word addresses as the homework does (rate-limited)
 * @param output       what to show while running and at the end
 * @param force        allocate even when more than MemAvailable
 * @param inspectCommand how the user runs pmap, e.g. {@code vmtool pmap} (options and pid follow)
 * @param physical     say where the buffer's first and last pages are in physical memory (root)
 */
public record TouchOptions(long megabytes, OptionalLong seconds, long intervalMillis, AccessPattern mode, int threads,
                           boolean lock, boolean hugePages, boolean addresses, Output output, boolean force,
                           String inspectCommand, boolean physical) {

    /** Without --physical. */
    public TouchOptions(long megabytes, OptionalLong seconds, long intervalMillis, AccessPattern mode, int threads,
                        boolean lock, boolean hugePages, boolean addresses, Output output, boolean force,
                        String inspectCommand) {
        this(megabytes, seconds, intervalMillis, mode, threads, lock, hugePages, addresses, output, force,
                inspectCommand, false);
    }

    /** What the user sees. */
    public enum Output {
        /** Start banner, status once per interval, summary. */
        HUMAN,
        /** Errors and the summary only. */
        QUIET,
        /** One JSON object at the end, nothing else on stdout. */
        JSON
    }

    public static final long BYTES_PER_MEGABYTE = 1L << 20;

    public long bytes() {
        return megabytes * BYTES_PER_MEGABYTE;
    }
}
