package vmtool.touch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * One run of {@code touch}: check the size, allocate, start the workers, report once per interval, stop on time or
 * signal, summarize, free. Owns the threads and the memory; leaves nothing behind, whatever happens.
 */
public final class TouchRun {
    /** Address lines per second at most, so that the terminal keeps up (the homework prints every word). */
    private static final int ADDRESS_LINES_PER_SECOND = 10;

    private final TouchOptions options;
    private final Reporter reporter;
    private final ProcFs proc;
    private final long pid;

    public TouchRun(TouchOptions options, Reporter reporter, ProcFs proc) {
        this.options = options;
        this.reporter = reporter;
        this.proc = proc;
        OptionalLong self = proc.selfPid();
        this.pid = self.isPresent() ? self.getAsLong() : ProcessHandle.current().pid();
    }

    public TouchResult run() throws TouchException {
        if (!options.force()) {
            checkAvailable();
        }
        try (StopSignals signals = new StopSignals();
             OffHeapBuffers buffers = OffHeapBuffers.allocate(options.bytes())) {
            Boolean collapsed = options.hugePages() ? buffers.adviseHugePages() : null;
            if (options.lock()) {
                buffers.lock();
            }
            reporter.started(pid, buffers.chunks(), collapsed);
            TouchResult result = touch(buffers, signals);
            reporter.finished(result);
            buffers.close();
            reporter.cleanedUp(result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TouchException("interrupted while waiting", e);
        }
    }

    private void checkAvailable() throws TouchException {
        long availableKb = kb(readProc(() -> proc.meminfoField("MemAvailable"), "/proc/meminfo", "MemAvailable"));
        long wantedKb = options.bytes() >> 10;
        if (wantedKb > availableKb) {
            throw new TouchException(String.format("%d MiB is more than the memory available (MemAvailable: %d kB = %d MiB,"
                    + " from /proc/meminfo); choose a smaller size, or add --force to try anyway",
                    options.megabytes(), availableKb, availableKb >> 10));
        }
    }

    private TouchResult touch(OffHeapBuffers buffers, StopSignals signals) throws InterruptedException, TouchException {
        // Unsafe knows the page size; asking libc through JNA would load the library proxy (~3 MiB RSS) for nothing.
        int pageSize = Unsafes.UNSAFE.pageSize();
        StopFlag stop = new StopFlag();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (List<Segment> plan : Segment.plan(buffers.chunks(), buffers.bytes(), options.threads(), pageSize)) {
            Worker worker = new Worker(plan, options.mode(), pageSize, stop);
            workers.add(worker);
            Thread thread = new Thread(worker, "touch-" + workers.size());
            thread.setDaemon(true);
            threads.add(thread);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        StopReason reason;
        try {
            reason = control(start, workers, signals);
        } finally {
            stop.set();
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long elapsed = System.nanoTime() - start;
        Snapshot last = new Snapshot(elapsed, bytesTouched(workers), buffers.bytes(), rssKb("VmRSS"));
        List<TouchResult.ChunkRange> ranges = buffers.chunks().stream()
                .map(chunk -> new TouchResult.ChunkRange(chunk.address(), chunk.end())).toList();
        return new TouchResult(pid, options, ranges, last, rssKb("VmHWM"), reason);
    }

    /** Waits for the time to be up or a signal, reporting once per interval. */
    private StopReason control(long start, List<Worker> workers, StopSignals signals)
            throws InterruptedException, TouchException {
        long intervalNanos = options.intervalMillis() * 1_000_000;
        long deadline = options.seconds().isPresent() ? start + options.seconds().getAsLong() * 1_000_000_000L : Long.MAX_VALUE;
        long nextTick = start + intervalNanos;
        // Address lines come one at a time, evenly spread, from the start: a burst per interval would both flood a
        // slow terminal and print nothing in a run shorter than one interval.
        long addressPeriod = 1_000_000_000L / ADDRESS_LINES_PER_SECOND;
        long nextAddress = options.addresses() ? start : Long.MAX_VALUE;
        long printedWord = -1;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(Math.min(nextTick, deadline), nextAddress);
            StopReason signal = signals.await(Math.max(0, (wake - now + 999_999) / 1_000_000));
            if (signal != null) {
                return signal;
            }
            now = System.nanoTime();
            if (now >= deadline) {
                return StopReason.TIME_UP;
            }
            if (now >= nextAddress) {
                printedWord = printAddresses(workers.get(0), 1, printedWord);
                nextAddress += addressPeriod * Math.max(1, (now - nextAddress) / addressPeriod + 1);
            }
            if (now >= nextTick) {
                reporter.status(new Snapshot(now - start, bytesTouched(workers), options.bytes(), rssKb("VmRSS")));
                nextTick += intervalNanos * Math.max(1, (now - nextTick) / intervalNanos + 1);
            }
        }
    }

    /** The homework's lines, for words where the first worker is now, continuing where the last lines stopped. */
    private long printAddresses(Worker worker, int count, long lastWord) {
        Segment segment = worker.current();
        if (segment == null) {
            return lastWord;
        }
        Chunk chunk = segment.chunk();
        long firstWord = (chunk.offset() + segment.from()) / Long.BYTES;
        long lastWordOfSegment = (chunk.offset() + segment.to()) / Long.BYTES - 1;
        long word = lastWord >= firstWord && lastWord < lastWordOfSegment ? lastWord + 1 : firstWord;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count && word <= lastWordOfSegment; i++, word++) {
            long address = chunk.address() + (word * Long.BYTES - chunk.offset());
            lines.add(String.format("Address of array[%d]: 0x%x", word, address));
        }
        reporter.addressLines(lines);
        return word - 1;
    }

    private static long bytesTouched(List<Worker> workers) {
        long bytes = 0;
        for (Worker worker : workers) {
            bytes += worker.bytesTouched();
        }
        return bytes;
    }

    private long rssKb(String key) throws TouchException {
        return kb(readProc(() -> proc.statusField((int) pid, key), "/proc/" + pid + "/status", key));
    }

    private interface ProcRead {
        Optional<String> read() throws ProcException;
    }

    private static String readProc(ProcRead read, String file, String key) throws TouchException {
        try {
            return read.read().orElseThrow(() -> new TouchException(file + " has no " + key + " line; is /proc mounted?"));
        } catch (ProcException e) {
            throw new TouchException(e.getMessage(), e);
        }
    }

    /** "123456 kB" as the kernel writes it, to 123456. */
    static long kb(String value) throws TouchException {
        String number = value.endsWith(" kB") ? value.substring(0, value.length() - 3).strip() : value.strip();
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new TouchException("unexpected /proc value '" + value + "'", e);
        }
    }
}
