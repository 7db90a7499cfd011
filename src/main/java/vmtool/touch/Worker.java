package vmtool.touch;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One thread's passes over its segments, in turns (see {@link Turns}), until asked to stop. Publishes what it did
 * after every segment.
 */
final class Worker implements Runnable {
    /**
     * What a turn touches before it is passed on: a few milliseconds, about a time slice of the kernel's (a stop is
     * seen sooner: between segments).
     */
    static final long TURN_BYTES = 256L << 20;

    private final List<Segment> segments;
    private final AccessPattern mode;
    private final int pageSize;
    private final StopFlag stop;
    private final CountDownLatch go;
    private final Turns turns;

    private volatile long bytesTouched;
    private volatile Segment current;
    /** Where read mode's sums go, so the reads stay. */
    private volatile long sink;

    /** @param go opened once every thread is started: a started worker takes no CPU from the starting of the rest */
    Worker(List<Segment> segments, AccessPattern mode, int pageSize, StopFlag stop, CountDownLatch go, Turns turns) {
        this.segments = segments;
        this.mode = mode;
        this.pageSize = pageSize;
        this.stop = stop;
        this.go = go;
        this.turns = turns;
        this.current = segments.isEmpty() ? null : segments.get(0);
    }

    @Override
    public void run() {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        if (segments.isEmpty()) {
            return;
        }
        long bytes = 0;
        long pass = 0;
        long sum = 0;
        int next = 0;
        while (turns.take()) {
            try {
                long turnEnd = bytes + TURN_BYTES;
                do {
                    if (next == 0) {
                        pass++;
                    }
                    Segment segment = segments.get(next);
                    current = segment;
                    sum += touch(segment, pass);
                    bytes += segment.length();
                    bytesTouched = bytes;
                    next = next + 1 == segments.size() ? 0 : next + 1;
                } while (bytes < turnEnd && !stop.isSet());
            } finally {
                turns.leave();
            }
        }
        sink = sum;
    }

    private long touch(Segment segment, long pass) {
        Chunk chunk = segment.chunk();
        switch (mode) {
            case RW -> TouchLoop.readWrite(chunk, segment.from(), segment.to());
            case READ -> {
                return TouchLoop.read(chunk, segment.from(), segment.to());
            }
            case WRITE -> TouchLoop.write(chunk, segment.from(), segment.to(), pass);
            case PAGE -> TouchLoop.page(chunk, segment.from(), segment.to(), pageSize, pass);
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
        return 0;
    }

    /** Bytes of completed segments. */
    long bytesTouched() {
        return bytesTouched;
    }

    /** The segment being touched (or last touched); null if this worker has none. */
    Segment current() {
        return current;
    }

    long sink() {
        return sink;
    }
}
