package vmtool.touch;

import java.util.List;

/**
 * What a finished run did.
 *
 * @param pid       this process
 * @param options   what was asked
 * @param chunks    the buffers' address ranges (freed by now)
 * @param last      the final numbers
 * @param peakRssKb the process's VmHWM (peak VmRSS), in kB
 * @param reason    why it ended
 */
public record TouchResult(long pid, TouchOptions options, List<ChunkRange> chunks, Snapshot last, long peakRssKb,
                          StopReason reason) {

    /** A chunk's place, kept after its buffer is freed. */
    public record ChunkRange(long address, long end) {
        public long bytes() {
            return end - address;
        }
    }
}
