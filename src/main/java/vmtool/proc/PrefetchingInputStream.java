package vmtool.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a second thread. The kernel spends as long writing a large smaps file as vmtool spends
 * parsing it; on two cores, the two overlap. A small file (under one piece, {@link #PIECE} bytes) is read at once
 * and starts no thread: for a small process the thread would cost more start-up than it saves. Both kinds are this
 * one class, so that the start-up cache, trained on small processes, holds what a large one loads too.
 */
final class PrefetchingInputStream extends InputStream implements Runnable {
    static final int PIECE = 1 << 18;
    private static final int PIECES_AHEAD = 8;

    /** One read's worth, the end, or the failure that ended reading. */
    private record Piece(byte[] bytes, int length, IOException failure) {
        static final Piece END = new Piece(new byte[0], -1, null);
    }

    private final InputStream in;
    private final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(PIECES_AHEAD);
    /**
     * Buffers the reader may fill: each piece's buffer comes back here once read, so a 44 MB smaps goes through
     * a few of them instead of one new array per piece (garbage that, past the young generation, only a full
     * collection would free: it was most of a big -X run's resident memory).
     */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIECES_AHEAD + 2);
    private final Thread reader;
    private Piece current;
    private int position;

    private PrefetchingInputStream(InputStream in, byte[] first, int length) {
        this.in = in;
        this.current = new Piece(first, length, null);
        if (length < PIECE) {
            // All of it is here: no thread, and the end comes next.
            pieces.add(Piece.END);
            this.reader = null;
            return;
        }
        for (int i = 0; i < PIECES_AHEAD + 1; i++) {
            free.add(new byte[PIECE]);
        }
        // This object as the thread's work, not a method reference: no lambda bootstrap on pmap's path.
        this.reader = new Thread(this, "smaps-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A stream of what {@code in} holds: its first piece read now; if there is more, the rest read ahead on a
     * second thread. Closing the result closes {@code in}.
     */
    static InputStream of(InputStream in) throws IOException {
        byte[] first = new byte[PIECE];
        int n = fill(in, first);
        if (n < PIECE) {
            in.close();
        }
        return new PrefetchingInputStream(in, first, n);
    }

    /** The reader thread's work: not for callers. */
    @Override
    public void run() {
        try {
            while (true) {
                byte[] bytes = free.take();
                int n = fill(in, bytes);
                if (n > 0) {
                    pieces.put(new Piece(bytes, n, null));
                }
                if (n < PIECE) {
                    pieces.put(Piece.END);
                    return;
                }
            }
        } catch (IOException e) {
            pieces.offer(new Piece(new byte[0], -1, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads until the piece is full or the stream ends; returns how much it read. The kernel hands smaps out a page
     * at a time whatever is asked, so each read asks for 8 KiB: what FileInputStream reads through a buffer on the
     * stack, where a larger request would have it allocate one of that size per call.
     */
    private static int fill(InputStream in, byte[] piece) throws IOException {
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
                if (current.bytes().length == PIECE) {
                    free.offer(current.bytes());
                }
                current = pieces.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
            position = 0;
            if (current.failure() != null) {
                throw current.failure();
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

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.interrupt();
        }
        in.close();
    }
}
