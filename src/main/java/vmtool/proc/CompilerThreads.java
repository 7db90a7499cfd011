package vmtool.proc;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until this JVM's JIT compiler threads are idle, as their /proc/self/task/TID/stat tells (state R: compiling).
 * Before JDK 25, the JVM's exit waits for a compiling thread in steps of 10 ms (JDK-8349927, HotSpot's
 * VM_Exit::wait_for_threads_in_native_to_block): a short run that ends while the quick compiler still works through
 * the methods its last phase made hot waits 10 ms for a compilation of a fraction of that. Waiting here, in steps of
 * 50 us, for the queue to empty costs only what is left of it.
 *
 * <p>Cheap on purpose, as it runs last: no Path, no loop long enough to be compiled itself (a compilation it started
 * would be the one the exit waits for).
 */
final class CompilerThreads {
    private static final long STEP_NANOS = 50_000;
    /** "TID (C1 CompilerThre) S": the kernel keeps 15 bytes of a thread's name. */
    private static final String NAME = "CompilerThre";
    private static final int HEAD = 64;

    private CompilerThreads() {
    }

    /** Returns when no compiler thread of this JVM runs, or after {@code maxNanos}. */
    static void awaitIdle(String task, long maxNanos) {
        String[] compilers = find(task);
        long deadline = System.nanoTime() + maxNanos;
        while (busy(compilers) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(STEP_NANOS);
        }
    }

    /**
     * The stat files of the compiler threads listed in {@code task} (a /proc/PID/task directory). The JVM starts its
     * compiler threads one after another, before the few started after them (the sweeper, the cleaner, vmtool's):
     * looked for from the last thread back, the first run of compiler threads is all of them. (Where thread ids
     * wrapped around between them, some may be missed: then the exit waits as it would have.)
     */
    static String[] find(String task) {
        int[] tids = tids(task);
        byte[] stat = new byte[HEAD];
        String[] compilers = new String[tids.length];
        int count = 0;
        for (int i = tids.length - 1; i >= 0; i--) {
            String path = task + "/" + tids[i] + "/stat";
            if (compilerState(path, stat) >= 0) {
                compilers[count++] = path;
            } else if (count > 0) {
                break;
            }
        }
        return Arrays.copyOf(compilers, count);
    }

    /** The thread ids listed in {@code task}, in increasing order (a dozen or two: an insertion sort). */
    private static int[] tids(String task) {
        String[] names = new File(task).list();
        if (names == null) {
            return new int[0];
        }
        int[] tids = new int[names.length];
        int count = 0;
        for (String name : names) {
            int tid;
            try {
                tid = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                continue;
            }
            int at = count++;
            while (at > 0 && tids[at - 1] > tid) {
                tids[at] = tids[at - 1];
                at--;
            }
            tids[at] = tid;
        }
        return Arrays.copyOf(tids, count);
    }

    /** Whether one of these compiler threads is running (compiling). */
    static boolean busy(String[] compilers) {
        byte[] stat = new byte[HEAD];
        for (String path : compilers) {
            if (compilerState(path, stat) == 'R') {
                return true;
            }
        }
        return false;
    }

    /**
     * The state letter of the thread whose stat file this is, when it is a compiler thread ("C1 CompilerThre" or
     * "C2 ..."); -1 for another thread, or one that is gone.
     */
    private static int compilerState(String path, byte[] stat) {
        int n;
        try (InputStream in = new FileInputStream(path)) {
            n = in.readNBytes(stat, 0, HEAD);
        } catch (IOException e) {
            return -1;
        }
        int open = 1;
        while (open < n && stat[open] != '(') {
            open++;
        }
        // "(C1 CompilerThre) S"
        int state = open + 19;
        if (state >= n || stat[open + 1] != 'C' || stat[open + 3] != ' ' || stat[open + 16] != ')') {
            return -1;
        }
        for (int i = 0; i < NAME.length(); i++) {
            if (stat[open + 4 + i] != NAME.charAt(i)) {
                return -1;
            }
        }
        return stat[open + 18];
    }
}
