package vmtool.touch;

import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import vmtool.proc.CgroupMemory;
import vmtool.pages.PageReader;
import vmtool.pages.PhysicalReader;
import vmtool.pages.Translation;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.terminal.StopSignals;

/**
 * One run of {@code touch}: check the size, allocate, start the workers, report once per interval, stop on time or
 * signal, summarize, free. Owns the threads and the memory; leaves nothing behind, whatever happens.
 */
public final class TouchRun {
    /** Address lines per second at most, so that the terminal keeps up (the homework prints every word). */
    private static final int ADDRESS_LINES_PER_SECOND = 10;
    /**
     * What the JVM itself may still take after the check (compiled loops, the reporter's classes, the threads):
     * a size within a limit less this does not get the process killed (TouchLimitsIT runs one at the limit).
     */
    private static final long JVM_GROWTH_BYTES = 32L << 20;
    /** What the next run's own JVM uses when it checks differs by a MiB or two: the size suggested keeps this. */
    private static final long SUGGESTION_SLACK_MB = 8;

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
            checkLimits();
        }
        // The handlers first: from here on a signal ends the run with its status, whatever stage it is in.
        try (StopSignals signals = new StopSignals()) {
            reporter.starting(pid);
            long allocationStart = System.nanoTime();
            StopFlag stop = new StopFlag();
            Allocation allocation = allocate(signals, stop, allocationStart);
            if (allocation.buffers == null) {
                TouchResult result = new TouchResult(pid, options, List.of(),
                        new Snapshot(System.nanoTime() - allocationStart, 0, options.bytes(), rssKb("VmRSS")),
                        rssKb("VmHWM"), allocation.reason);
                reporter.finished(result);
                reporter.cleanedUp(result);
                return result;
            }
            try (OffHeapBuffers buffers = allocation.buffers) {
                Boolean collapsed = options.hugePages() ? buffers.adviseHugePages() : null;
                if (options.lock()) {
                    buffers.lock();
                }
                reporter.allocated(buffers.chunks(), pid, collapsed);
                if (options.physical()) {
                    reporter.physical(physical(buffers.chunks()));
                }
                TouchResult result = touch(buffers, signals, stop);
                reporter.finished(result);
                buffers.close();
                reporter.cleanedUp(result);
                return result;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TouchException("interrupted while waiting", e);
        }
    }

    /** Where the buffer's first and last pages are in physical memory (--physical: root). */
    private List<Translation> physical(List<Chunk> chunks) throws TouchException {
        long pageSize = PageReader.systemPageSize();
        long first = chunks.get(0).address();
        long last = chunks.get(chunks.size() - 1).end() - pageSize;
        try {
            return new PhysicalReader(proc, pageSize, PhysicalReader.systemLevels(proc, pageSize))
                    .translate((int) pid, List.of(first, last));
        } catch (ProcException e) {
            throw new TouchException("--physical: " + e.getMessage(), e);
        }
    }

    /** The buffers, or null and the signal that came first. */
    private record Allocation(OffHeapBuffers buffers, StopReason reason) {
    }

    /**
     * Allocates on a thread of its own, so that this one can report how much is resident once per interval (zeroing
     * 2 GiB can take seconds) and answer a signal: the allocation then stops after the chunk it is zeroing.
     */
    private Allocation allocate(StopSignals signals, StopFlag stop, long start)
            throws InterruptedException, TouchException {
        long baseKb = rssKb("VmRSS");
        OffHeapBuffers[] got = new OffHeapBuffers[1];
        TouchException[] failed = new TouchException[1];
        Thread allocator = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    got[0] = OffHeapBuffers.allocate(options.bytes(), stop);
                } catch (TouchException e) {
                    failed[0] = e;
                }
            }
        }, "touch-allocate");
        allocator.setDaemon(true);
        allocator.start();
        long intervalNanos = options.intervalMillis() * 1_000_000;
        long nextTick = start + intervalNanos;
        StopReason reason = null;
        boolean handedOver = false;
        try {
            while (allocator.isAlive()) {
                long wait = Math.max(1, (nextTick - System.nanoTime() + 999_999) / 1_000_000);
                allocator.join(Math.min(wait, 50));
                reason = StopReason.of(signals.poll());
                if (reason != null) {
                    break;
                }
                long now = System.nanoTime();
                if (now >= nextTick && allocator.isAlive()) {
                    reporter.allocating((rssKb("VmRSS") - baseKb) << 10, now - start);
                    nextTick += intervalNanos * Math.max(1, (now - nextTick) / intervalNanos + 1);
                }
            }
            if (reason == null && failed[0] == null) {
                handedOver = true;
                return new Allocation(got[0], null);
            }
        } finally {
            if (!handedOver) {
                stop.set();
                allocator.join();
                if (got[0] != null) {
                    got[0].close();
                }
            }
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return new Allocation(null, reason);
    }

    /** Refuses, before allocating, a size that the cgroup, the machine or ulimit -v cannot give. */
    private void checkLimits() throws TouchException {
        long wanted = options.bytes();
        Optional<CgroupMemory.Limit> cgroup;
        try {
            cgroup = CgroupMemory.system(proc).tightest();
        } catch (ProcException e) {
            throw new TouchException(e.getMessage() + "; add --force to skip the check", e);
        }
        if (cgroup.isPresent()) {
            CgroupMemory.Limit limit = cgroup.get();
            long fits = Math.max(0, limit.headroomBytes() - JVM_GROWTH_BYTES) >> 20;
            if (options.megabytes() > fits) {
                throw new TouchException(String.format(Locale.ROOT, "%d MiB does not fit in this process's cgroup:"
                        + " its memory limit is %d MiB (%s: %d), %d MiB of it in use, so at most %d MiB would fit;"
                        + " choose a smaller size, or add --force to try anyway (the kernel may then kill it)",
                        options.megabytes(), limit.limitBytes() >> 20, limit.file(), limit.limitBytes(),
                        limit.usageBytes() >> 20, safeSize(fits)));
            }
        }
        long availableKb;
        try {
            availableKb = kb(present(proc.meminfoField("MemAvailable"), "/proc/meminfo", "MemAvailable"));
        } catch (ProcException e) {
            throw new TouchException(e.getMessage(), e);
        }
        if (wanted >> 10 > availableKb) {
            throw new TouchException(String.format("%d MiB is more than the memory available (MemAvailable: %d kB = %d MiB,"
                    + " from /proc/meminfo); choose a smaller size, or add --force to try anyway",
                    options.megabytes(), availableKb, availableKb >> 10));
        }
        checkAddressSpace();
    }

    /**
     * The size to suggest when {@code fits} MiB would pass the check now: a little less, in whole 8 MiB, so that the
     * suggested command passes the same check when run (its JVM's own memory at that moment varies).
     */
    static long safeSize(long fitsMb) {
        return Math.max(0, (fitsMb - SUGGESTION_SLACK_MB) / 8 * 8);
    }

    /** ulimit -v (RLIMIT_AS) caps the address space: the buffer must fit beside what the JVM has mapped already. */
    private void checkAddressSpace() throws TouchException {
        long limitBytes = -1;
        try {
            for (String line : proc.selfLines("limits")) {
                if (line.startsWith("Max address space")) {
                    // "Max address space   unlimited   unlimited   bytes": the soft limit is the first word.
                    // (No regex: split("\\s+") compiles a Pattern, whose classes are built of lambdas.)
                    String rest = line.substring("Max address space".length()).strip();
                    int end = 0;
                    while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                        end++;
                    }
                    String soft = rest.substring(0, end);
                    limitBytes = soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (ProcException | NumberFormatException e) {
            return; // without the number the allocation itself will say what went wrong
        }
        if (limitBytes < 0) {
            return;
        }
        long mappedKb = rssKb("VmSize");
        long fits = Math.max(0, limitBytes - (mappedKb << 10) - JVM_GROWTH_BYTES) >> 20;
        if (options.megabytes() > fits) {
            throw new TouchException(String.format(Locale.ROOT, "%d MiB does not fit in the address space that"
                    + " 'ulimit -v' allows (%d kB, %s: Max address space); the JVM has %d kB mapped already, so at"
                    + " most %d MiB would fit; choose a smaller size, or raise the limit (ulimit -v %d)",
                    options.megabytes(), limitBytes >> 10, proc.selfPath("limits"), mappedKb, safeSize(fits),
                    (mappedKb + ((options.bytes() + JVM_GROWTH_BYTES) >> 10) + 1023) / 1024 * 1024));
        }
    }

    private TouchResult touch(OffHeapBuffers buffers, StopSignals signals, StopFlag stop)
            throws InterruptedException, TouchException {
        // Unsafe knows the page size; asking libc would load JNA (~3 MiB RSS) for nothing.
        int pageSize = Unsafes.UNSAFE.pageSize();
        CountDownLatch go = new CountDownLatch(1);
        Turns turns = new Turns(Math.min(options.threads(), Turns.PER_CPU * Runtime.getRuntime().availableProcessors()),
                stop);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (List<Segment> plan : Segment.plan(buffers.chunks(), buffers.bytes(), options.threads(), pageSize)) {
            Worker worker = new Worker(plan, options.mode(), pageSize, stop, go, turns);
            workers.add(worker);
            Thread thread = new Thread(worker, "touch-" + workers.size());
            thread.setDaemon(true);
            threads.add(thread);
        }
        // --seconds counts from here: starting the threads is part of the run.
        long start = System.nanoTime();
        long deadline = deadline(start);
        StopReason reason = null;
        int started = 0;
        try {
            // The workers wait for all to be started, so that busy ones do not starve the starting; between two
            // starts a signal or the deadline still ends the run.
            for (Thread thread : threads) {
                reason = StopReason.of(signals.poll());
                if (reason == null && System.nanoTime() >= deadline) {
                    reason = StopReason.TIME_UP;
                }
                if (reason != null) {
                    break;
                }
                try {
                    thread.start();
                } catch (OutOfMemoryError e) {
                    throw new TouchException(String.format(Locale.ROOT, "cannot start thread %d of %d: %s;"
                            + " use fewer --threads (see 'ulimit -u', and pids.max of a cgroup)",
                            started + 1, threads.size(), e.getMessage()), e);
                }
                started++;
            }
            if (reason == null) {
                go.countDown();
                reason = control(start, deadline, workers, signals);
            }
        } finally {
            // The threads are not joined: once no worker holds a turn, none touches memory again, and each ends by
            // itself. (Joining a thousand threads on two busy CPUs took seconds: each had to be scheduled to end.)
            stop.set();
            go.countDown();
            turns.endAll();
        }
        long elapsed = System.nanoTime() - start;
        Snapshot last = new Snapshot(elapsed, bytesTouched(workers), buffers.bytes(), rssKb("VmRSS"));
        List<TouchResult.ChunkRange> ranges = new ArrayList<>();
        for (Chunk chunk : buffers.chunks()) {
            ranges.add(new TouchResult.ChunkRange(chunk.address(), chunk.end()));
        }
        return new TouchResult(pid, options, ranges, last, rssKb("VmHWM"), reason);
    }

    private long deadline(long start) {
        return options.seconds().isPresent() ? start + options.seconds().getAsLong() * 1_000_000_000L : Long.MAX_VALUE;
    }

    /** Waits for the time to be up or a signal, reporting once per interval. */
    private StopReason control(long start, long deadline, List<Worker> workers, StopSignals signals)
            throws InterruptedException, TouchException {
        long intervalNanos = options.intervalMillis() * 1_000_000;
        long nextTick = start + intervalNanos;
        // Address lines come one at a time, evenly spread, from the start: a burst per interval would both flood a
        // slow terminal and print nothing in a run shorter than one interval.
        long addressPeriod = 1_000_000_000L / ADDRESS_LINES_PER_SECOND;
        long nextAddress = options.addresses() ? start : Long.MAX_VALUE;
        long printedWord = -1;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(Math.min(nextTick, deadline), nextAddress);
            StopReason signal = StopReason.of(signals.await(Math.max(0, (wake - now + 999_999) / 1_000_000)));
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
    private long printAddresses(Worker worker, int count, long lastWord) throws OutputFailure {
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
            lines.add("Address of array[" + word + "]: 0x" + Long.toHexString(address));
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
        try {
            return kb(present(proc.statusField((int) pid, key), "/proc/" + pid + "/status", key));
        } catch (ProcException e) {
            throw new TouchException(e.getMessage(), e);
        }
    }

    /** The value of a /proc line that must be there. (No lambdas on touch's path: see OffHeapBuffers.free.) */
    private static String present(Optional<String> value, String file, String key) throws TouchException {
        if (value.isEmpty()) {
            throw new TouchException(file + " has no " + key + " line; is /proc mounted?");
        }
        return value.get();
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
