package vmtool.touch;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workers touch memory in turns, at most two per CPU at a time, first come first served. With more threads than
 * that, the others wait for a turn instead of being runnable: a stop then needs only the few workers that hold a turn
 * to finish their segment, not a time slice for each of a thousand busy threads (on two loaded CPUs that took
 * seconds). Two per CPU, not one: a CPU then has a worker to run while the next holder of a turn is woken (one per
 * CPU touched ~10% less with 16 threads on two CPUs).
 */
final class Turns {
    static final int PER_CPU = 2;

    private final Semaphore free;
    private final AtomicInteger holders = new AtomicInteger();
    private final StopFlag stop;

    Turns(int width, StopFlag stop) {
        this.free = new Semaphore(width, true);
        this.stop = stop;
    }

    /**
     * Waits for a turn. False when the run is stopping: the worker must not touch memory. A worker that gets true
     * touches until {@link #leave()}, looking at the stop flag between segments.
     */
    boolean take() {
        free.acquireUninterruptibly();
        // Counted before the flag is read, and the stopping thread sets the flag before it reads the count: one of
        // the two sees the other, so no turn starts unseen after the stop.
        holders.incrementAndGet();
        if (stop.isSet()) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        holders.decrementAndGet();
        free.release();
    }

    /**
     * Sets the stop flag, lets every waiting worker through (each sees the flag and ends by itself) and returns once
     * no worker holds a turn, after which none touches memory again.
     */
    void endAll() throws InterruptedException {
        stop.set();
        free.release(Integer.MAX_VALUE / 2);
        while (holders.get() > 0) {
            Thread.sleep(1);
        }
    }
}
