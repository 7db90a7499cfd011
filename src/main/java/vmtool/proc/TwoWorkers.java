package vmtool.proc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work on many processes shared by two threads, the caller's and a second one, each taking the next item not yet
 * taken: reading /proc is mostly the kernel writing the files, which then runs on two processors. With one
 * processor, or one item, the caller's thread does it all. What each item gives is put in its place by the task, so
 * the result does not depend on which thread did what.
 */
public final class TwoWorkers {
    private TwoWorkers() {
    }

    /** The work on one item; what it throws is kept, by item. */
    public interface Task {
        void run(int index) throws Exception;
    }

    /**
     * Runs the tasks on items {@code 0..count-1}: {@code here} on this thread, {@code there} (which may be the same
     * task when it keeps no state of its own) on the second. After an item fails, no other is started; every item
     * started before it is finished, so the first failure in item order is the one a single thread would have met.
     *
     * @return the failures by item, null where none
     */
    public static Throwable[] run(int count, Task here, Task there) {
        Throwable[] failed = new Throwable[count];
        AtomicInteger next = new AtomicInteger();
        Thread second = null;
        if (count >= 2 && Runtime.getRuntime().availableProcessors() >= 2) {
            second = new Thread(new Worker(there, next, failed), "proc-reader");
            second.setDaemon(true);
            second.start();
        }
        new Worker(here, next, failed).run();
        if (second != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    second.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return failed;
    }

    /** The first failure in item order, rethrown as it was: a ProcException, or what no task should throw. */
    public static void rethrowFirst(Throwable[] failed) throws ProcException {
        for (Throwable failure : failed) {
            if (failure instanceof ProcException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** One thread's part. */
    private static final class Worker implements Runnable {
        private final Task task;
        private final AtomicInteger next;
        private final Throwable[] failed;

        Worker(Task task, AtomicInteger next, Throwable[] failed) {
            this.task = task;
            this.next = next;
            this.failed = failed;
        }

        @Override
        public void run() {
            for (int i = next.getAndIncrement(); i < failed.length; i = next.getAndIncrement()) {
                try {
                    task.run(i);
                } catch (Exception | Error e) {
                    failed[i] = e;
                    next.set(failed.length);
                }
            }
        }
    }
}
