package vmtool.touch;

import java.lang.ref.Reference;

/**
 * The hot loops, and nothing else: no allocation, no printing. Each works on {@code [from, to)} of one chunk,
 * {@code from} and {@code to} multiples of 8 within it; the range is checked once per call, not per word.
 *
 * <p>The loops go over the chunk's native address with {@code sun.misc.Unsafe.getLong/putLong(long address)}: a
 * {@code long} induction variable, one {@code add} per word. {@code ByteBuffer.getLong/putLong(int)} on the same
 * buffer compiles (C2, JDK 17) to the same 8-byte loads and stores but recomputes a sign-extended {@code int} index
 * per word, and measured about 25% fewer bytes per CPU second (docs/performance.md). Each loop is its own method,
 * called once per segment, so that C2 compiles it on its own (not inlined into the worker's loop by OSR), with its
 * own profile. The buffer is kept reachable while its memory is touched. JDK 24 on warn about these Unsafe calls
 * unless the JVM is started with {@code --sun-misc-unsafe-memory-access=allow}, which the launcher passes from JDK 23
 * on: the ByteBuffer loop measured slower on JDK 17 and 25 alike (docs/performance.md).
 */
final class TouchLoop {
    private TouchLoop() {
    }

    /** The homework's {@code a[i]++}, on 8-byte words. */
    static void readWrite(Chunk chunk, int from, int to) {
        long address = chunk.address();
        long end = address + checkRange(chunk, from, to);
        for (long word = address + from; word < end; word += Long.BYTES) {
            Unsafes.UNSAFE.putLong(word, Unsafes.UNSAFE.getLong(word) + 1);
        }
        Reference.reachabilityFence(chunk.buffer());
    }

    /** Returns the sum so that the reads cannot be optimized away. */
    static long read(Chunk chunk, int from, int to) {
        long address = chunk.address();
        long end = address + checkRange(chunk, from, to);
        long sum = 0;
        for (long word = address + from; word < end; word += Long.BYTES) {
            sum += Unsafes.UNSAFE.getLong(word);
        }
        Reference.reachabilityFence(chunk.buffer());
        return sum;
    }

    static void write(Chunk chunk, int from, int to, long value) {
        long address = chunk.address();
        long end = address + checkRange(chunk, from, to);
        for (long word = address + from; word < end; word += Long.BYTES) {
            Unsafes.UNSAFE.putLong(word, value);
        }
        Reference.reachabilityFence(chunk.buffer());
    }

    /** One write per page: {@code stride} is the page size. */
    static void page(Chunk chunk, int from, int to, int stride, long value) {
        long address = chunk.address();
        long end = address + checkRange(chunk, from, to);
        for (long word = address + from; word < end; word += stride) {
            Unsafes.UNSAFE.putLong(word, value);
        }
        Reference.reachabilityFence(chunk.buffer());
    }

    /**
     * Raw addresses have no bounds checks, so the range is checked here, once: within the chunk's direct buffer,
     * whole words. Returns {@code to}.
     */
    private static int checkRange(Chunk chunk, int from, int to) {
        if (from < 0 || from > to || to > chunk.size() || ((from | to) & (Long.BYTES - 1)) != 0
                || !chunk.buffer().isDirect()) {
            throw new IndexOutOfBoundsException("bad range [" + from + ", " + to + ") of a chunk of " + chunk.size()
                    + " bytes (direct: " + chunk.buffer().isDirect() + ")");
        }
        return to;
    }
}
