package vmtool.touch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;

/**
 * The memory {@code touch} works on: direct buffers of at most {@link #MAX_CHUNK_BYTES} each (one buffer holds less
 * than 2 GiB), with their addresses. {@link #close()} unlocks and frees them at once, without waiting for the GC.
 */
public final class OffHeapBuffers implements AutoCloseable {
    /** The largest chunk: a power of two below the 2 GiB a ByteBuffer can index. */
    public static final int MAX_CHUNK_BYTES = 1 << 30;

    /** How many chunks this many bytes takes. */
    static int chunkCount(long bytes) {
        return (int) ((bytes + MAX_CHUNK_BYTES - 1) / MAX_CHUNK_BYTES);
    }

    /** Frees a direct buffer now; sun.misc.Unsafe is the only way, and invokeCleaner is its supported use. */
    private static final sun.misc.Unsafe UNSAFE = Unsafes.UNSAFE;

    private final List<Chunk> chunks;
    private final long bytes;
    private boolean locked;
    private boolean freed;

    private OffHeapBuffers(List<Chunk> chunks, long bytes) {
        this.chunks = List.copyOf(chunks);
        this.bytes = bytes;
    }

    /** Allocates and zeroes (so makes resident) this many bytes; frees what it got if it fails part way. */
    public static OffHeapBuffers allocate(long bytes) throws TouchException {
        return allocate(bytes, new StopFlag());
    }

    /**
     * As {@link #allocate(long)}, but looks at {@code stop} before each chunk: once it is set, frees what it got and
     * returns null. (Zeroing a chunk cannot be interrupted: up to 1 GiB, a few seconds at most.)
     */
    static OffHeapBuffers allocate(long bytes, StopFlag stop) throws TouchException {
        List<Chunk> chunks = new ArrayList<>();
        long offset = 0;
        int size = 0;
        try {
            while (offset < bytes) {
                if (stop.isSet()) {
                    free(chunks);
                    return null;
                }
                size = (int) Math.min(MAX_CHUNK_BYTES, bytes - offset);
                ByteBuffer buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                long address = Unsafes.addressOf(buffer);
                chunks.add(new Chunk(buffer, address, offset));
                offset += size;
            }
        } catch (OutOfMemoryError e) {
            // Asked before the chunks are freed: what they hold counts against the limit.
            OptionalLong limit = DirectMemoryLimit.refusing(size);
            free(chunks);
            throw allocationFailure(bytes, limit, e);
        }
        return new OffHeapBuffers(chunks, bytes);
    }

    private static TouchException allocationFailure(long bytes, OptionalLong directLimit, OutOfMemoryError e) {
        if (directLimit.isPresent()) {
            long limitMiB = directLimit.getAsLong() >> 20;
            long neededMiB = (bytes >> 20) + 1;
            return new TouchException("cannot allocate " + (bytes >> 20) + " MiB: the JVM's direct-memory limit is "
                    + limitMiB + " MiB; run it through scripts/vmtool (which sets the limit), or give java -XX:MaxDirectMemorySize="
                    + neededMiB + "m", e);
        }
        return new TouchException("cannot allocate " + (bytes >> 20) + " MiB: " + e.getMessage()
                + "; try a smaller size", e);
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Locks every chunk in RAM. On failure unlocks what it locked and says what limit to raise.
     */
    public void lock() throws TouchException {
        List<Chunk> done = new ArrayList<>();
        for (Chunk chunk : chunks) {
            try {
                Libc.mlock(chunk.address(), chunk.size());
                done.add(chunk);
            } catch (LibcException e) {
                for (Chunk lockedChunk : done) {
                    unlock(lockedChunk);
                }
                throw lockFailure(e);
            }
        }
        locked = true;
    }

    private TouchException lockFailure(LibcException e) {
        if (e.errno() == Libc.EPERM || e.errno() == Libc.ENOMEM) {
            String current = "";
            try {
                long limit = Libc.memlockLimit();
                current = " (" + (limit == -1 ? "unlimited" : (limit >>> 10) + " kB") + ")";
            } catch (LibcException ignored) {
                // The advice below holds without the number.
            }
            return new TouchException("cannot lock " + (bytes >> 20) + " MiB in RAM: RLIMIT_MEMLOCK is too low"
                    + current + "; see 'ulimit -l', raise it (e.g. 'ulimit -l " + ((bytes >> 10) + 1024)
                    + "', or memlock in /etc/security/limits.conf), or run without --lock", e);
        }
        return new TouchException("cannot lock " + (bytes >> 20) + " MiB in RAM: mlock failed with errno "
                + e.errno() + "; run without --lock", e);
    }

    /**
     * Asks for transparent huge pages on every chunk, then for collapsing the (already resident) pages into them now.
     *
     * @return true if the pages were collapsed now; false if the kernel will do it later (khugepaged)
     */
    public boolean adviseHugePages() throws TouchException {
        long pageSize = UNSAFE.pageSize();
        boolean collapsed = true;
        for (Chunk chunk : chunks) {
            // madvise wants a page-aligned start; malloc's header puts the buffer just past one.
            long start = (chunk.address() + pageSize - 1) & -pageSize;
            long end = chunk.end() & -pageSize;
            if (end <= start) {
                continue;
            }
            try {
                Libc.adviseHugePages(start, end - start);
            } catch (LibcException e) {
                throw new TouchException("cannot use transparent huge pages (madvise errno " + e.errno()
                        + "): see /sys/kernel/mm/transparent_hugepage/enabled; run without --hugepages", e);
            }
            try {
                Libc.collapseHugePages(start, end - start);
            } catch (LibcException e) {
                // Kernels before 6.1 lack MADV_COLLAPSE, and it may find no free huge page: khugepaged does it later.
                collapsed = false;
            }
        }
        return collapsed;
    }

    /** Unlocks and frees every chunk; safe to call twice. */
    @Override
    public void close() {
        if (freed) {
            return;
        }
        if (locked) {
            for (Chunk chunk : chunks) {
                unlock(chunk);
            }
            locked = false;
        }
        free(chunks);
        freed = true;
    }

    /**
     * Frees the chunks now (the JDK's supported way to free a direct buffer). Loops, not lambdas, on touch's path:
     * a lambda's bootstrap loads ~100 classes, resident memory that touch is there to show (StartupPathTest).
     */
    private static void free(List<Chunk> chunks) {
        for (Chunk chunk : chunks) {
            UNSAFE.invokeCleaner(chunk.buffer());
        }
    }

    private static void unlock(Chunk chunk) {
        try {
            Libc.munlock(chunk.address(), chunk.size());
        } catch (LibcException ignored) {
            // munlock fails only for a range that is not mapped; the buffer is freed next anyway.
        }
    }
}
