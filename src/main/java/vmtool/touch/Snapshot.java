package vmtool.touch;

/**
 * What a run has done so far; what the reporter shows.
 *
 * @param elapsedNanos time since the workers started
 * @param bytesTouched bytes of completed segments, all threads together
 * @param totalBytes   the size of the memory
 * @param rssKb        the process's VmRSS, in kB
 */
public record Snapshot(long elapsedNanos, long bytesTouched, long totalBytes, long rssKb) {
    /** Whole passes over the memory (with several threads: bytes touched over the size). */
    public long passes() {
        return bytesTouched / totalBytes;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    public double bytesPerSecond() {
        return elapsedNanos == 0 ? 0 : bytesTouched * 1e9 / elapsedNanos;
    }
}
