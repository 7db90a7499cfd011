package vmtool.pages;

import vmtool.proc.EntryFile;
import vmtool.proc.ProcException;

/**
 * One read of pagemap made on a thread of its own while the walk reads and counts the batch before it. The kernel's
 * side of a read (its walk of the page tables, ~40 ns per present page) is most of what {@code pages} of a large
 * process costs; with the walk asking for every other batch here, both cores read (docs/performance.md). One read
 * deep, through its own descriptor of the same pagemap; its buffer is swapped with the walk's when taken. Close it.
 */
final class ReadAhead implements Runnable, AutoCloseable {
    private final EntryFile file;
    private final Thread thread;
    /** The read asked for, and, once {@link #done}, its outcome; all guarded by this. */
    private long[] buffer;
    private long first = -1;
    private int count;
    private boolean asked;
    private boolean done;
    private int got;
    /** What the read threw: a ProcException, or anything else, which the walk rethrows rather than wait forever. */
    private Throwable failure;
    private boolean closed;

    /** Reads {@code file} (which it closes) into buffers of its batch's size. */
    ReadAhead(EntryFile file) {
        this.file = file;
        this.buffer = new long[file.batch()];
        this.thread = new Thread(this, "vmtool-pagemap-read");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts reading entries {@code first .. first + count - 1} (once the read before it, if any, is over). */
    synchronized void request(long first, int count) throws ProcException {
        awaitDone();
        this.first = first;
        this.count = count;
        asked = true;
        done = false;
        failure = null;
        notifyAll();
    }

    /** Whether exactly these entries were asked for, and not yet taken. */
    synchronized boolean holds(long first, int count) {
        return asked && this.first == first && this.count == count;
    }

    /**
     * Waits for the read asked for, and hands over its buffer, keeping {@code spare} (which the caller no longer
     * uses) for the next one; {@link #got()} says how many entries it holds.
     */
    synchronized long[] take(long[] spare) throws ProcException {
        awaitDone();
        asked = false;
        if (failure instanceof ProcException problem) {
            throw problem;
        } else if (failure instanceof RuntimeException problem) {
            throw problem;
        } else if (failure instanceof Error problem) {
            throw problem;
        }
        long[] full = buffer;
        buffer = spare;
        return full;
    }

    /** How many entries the read last taken gave. */
    synchronized int got() {
        return got;
    }

    private void awaitDone() throws ProcException {
        try {
            while (asked && !done) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcException(ProcException.Kind.IO, file.path(), "interrupted while reading "
                    + file.path(), e);
        }
    }

    @Override
    public void run() {
        while (true) {
            long from;
            int wanted;
            long[] into;
            synchronized (this) {
                while (!closed && (!asked || done)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                from = first;
                wanted = count;
                into = buffer;
            }
            int read = 0;
            Throwable problem = null;
            try {
                read = file.read(from, into, wanted);
            } catch (ProcException | RuntimeException | Error e) {
                problem = e;
            }
            synchronized (this) {
                got = read;
                failure = problem;
                done = true;
                notifyAll();
            }
        }
    }

    /** Ends the thread (after the read it is making, if any), and closes the file. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
