package vmtool.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Reads a stream ahead on a second thread. The kernel spends as long writing a large smaps file as vmtool spends
 * parsing it; on two cores, the two overlap. A small file is not read through this: {@link ProcFs} reads the head of
 * each file itself, and hands the rest here only when there is more.
 *
 * <p>The two threads hand pieces over under this object's monitor, not through java.util.concurrent: a blocking
 * queue's wait goes through ForkJoinPool.managedBlock, whose set-up (VarHandles, the common pool's classes) cost a
 * short pmap more than the thread saved.
 */
final class PrefetchingInputStream extends InputStream implements Runnable {
    static final int PIECE = 1 << 18;
    /**
     * At most this many pieces are read and not yet parsed (512 KB): the reader waits when it is that far ahead. Not
     * more: early in a run the parse is interpreted and slower than the kernel, and a reader that ran on held the
     * core that the compiler needed (under chrt -f, until it was 8 pieces ahead: a default pmap of 60,000 mappings
     * parsed ~9,000 lines interpreted; docs/performance-history.md).
     */
    private static final int PIECES_AHEAD = 2;

    /**
     * One read's worth, the end, or the failure that ended reading: an IOException, or anything else the reader
     * threw (running out of memory), which the caller rethrows rather than wait forever for a piece.
     */
    private record Piece(byte[] bytes, int length, Throwable failure) {
        static final Piece END = new Piece(new byte[0], -1, null);
    }

    /**
     * Guarded by the class: buffers of streams closed, for the next stream. A program's anatomy reads a dozen smaps
     * of ~1 MB one after another; each made its own buffers (~1.3 MB zeroed by the JVM, faulted in by the kernel,
     * then copied by the collector's young collections, which stop the parsing thread).
     */
    private static final ArrayDeque<byte[]> POOL = new ArrayDeque<>();
    private static final int POOLED = PIECES_AHEAD + 2;

    private final InputStream in;
    /** Guarded by this: read and not yet taken. */
    private final ArrayDeque<Piece> ready = new ArrayDeque<>();
    /**
     * Guarded by this: buffers the reader may fill again. Each piece's buffer comes back here once parsed, so a 44 MB
     * smaps goes through a few of them instead of one new array per piece (garbage that, past the young generation,
     * only a full collection would free: it was most of a big -X run's resident memory).
     */
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final Thread reader;
    /** The piece being read from; only the caller's thread touches it. */
    private Piece current;
    private int position;

    private PrefetchingInputStream(byte[] head, InputStream in) {
        this.in = in;
        this.current = new Piece(head, head.length, null);
        // This object as the thread's work, not a method reference: no lambda bootstrap on pmap's path.
        this.reader = new Thread(this, "smaps-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The bytes of {@code head}, already read from {@code in}, then the rest of {@code in}, read ahead on a second
     * thread. Closing the result closes {@code in}.
     */
    static InputStream after(byte[] head, InputStream in) {
        return new PrefetchingInputStream(head, in);
    }

    /** The reader thread's work: not for callers. */
    @Override
    public void run() {
        Piece last = Piece.END;
        try {
            int n = PIECE;
            while (n == PIECE) {
                byte[] bytes = freeBuffer();
                n = fill(in, bytes);
                if (n > 0) {
                    hand(new Piece(bytes, n, null));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            last = new Piece(new byte[0], -1, e);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            ready.add(last);
            notifyAll();
        }
    }

    /**
     * A buffer to fill: one given back, or a new one. Since {@link #hand} waits while PIECES_AHEAD are ready, no more
     * than that and two (one being filled, one being parsed) are ever made.
     */
    private synchronized byte[] freeBuffer() {
        byte[] bytes = free.poll();
        if (bytes == null) {
            bytes = pooled();
        }
        return bytes != null ? bytes : new byte[PIECE];
    }

    private static synchronized byte[] pooled() {
        return POOL.poll();
    }

    private static synchronized void pool(byte[] bytes) {
        if (bytes.length == PIECE && POOL.size() < POOLED) {
            POOL.add(bytes);
        }
    }

    private synchronized void hand(Piece piece) throws InterruptedException {
        while (ready.size() >= PIECES_AHEAD) {
            wait();
        }
        ready.add(piece);
        notifyAll();
    }

    private synchronized Piece take(byte[] done) throws InterruptedException {
        if (done.length == PIECE) {
            free.add(done);
        }
        while (ready.isEmpty()) {
            wait();
        }
        Piece piece = ready.poll();
        notifyAll();
        return piece;
    }

    /**
     * Reads until the piece is full or the stream ends; returns how much it read. The kernel hands smaps out a page
     * at a time whatever is asked, so each read asks for 8 KiB: what FileInputStream reads through a buffer on the
     * stack, where a larger request would have it allocate one of that size per call.
     */
    static int fill(InputStream in, byte[] piece) throws IOException {
        int n = 0;
        while (n < piece.length) {
            int got = in.read(piece, n, Math.min(8192, piece.length - n));
            if (got < 0) {
                break;
            }
            n += got;
        }
        return n;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // A piece of length -1 is the end: every read from then on returns -1.
        while (current.length() >= 0 && position == current.length()) {
            try {
                current = take(current.bytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
            position = 0;
            if (current.failure() instanceof IOException failure) {
                throw failure;
            } else if (current.failure() instanceof RuntimeException failure) {
                throw failure;
            } else if (current.failure() instanceof Error failure) {
                throw failure;
            }
        }
        if (current.length() < 0) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Stops the reader and gives the buffers it no longer writes (those given back, those read ahead) to the next
     * stream; the one it may be filling is left to it.
     */
    @Override
    public void close() throws IOException {
        reader.interrupt();
        synchronized (this) {
            for (byte[] bytes : free) {
                pool(bytes);
            }
            for (Piece piece : ready) {
                pool(piece.bytes());
            }
            free.clear();
            ready.clear();
        }
        pool(current.bytes());
        current = Piece.END;
        in.close();
    }
}
