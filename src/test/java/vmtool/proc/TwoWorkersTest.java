package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** Work shared by two threads: each item done once, and a failure met as one thread would have met it. */
class TwoWorkersTest {
    @Test
    void everyItemIsDoneOnceAndTheWorkIsShared() {
        int count = 5000;
        AtomicIntegerArray done = new AtomicIntegerArray(count);
        String[] by = new String[count];
        TwoWorkers.Task here = i -> {
            done.incrementAndGet(i);
            by[i] = Thread.currentThread().getName();
        };

        Throwable[] failed = TwoWorkers.run(count, here, here);

        assertThat(failed).containsOnlyNulls().hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(done.get(i)).as("item %d", i).isEqualTo(1);
        }
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertThat(by).contains("proc-reader");
        }
    }

    @Test
    void afterAFailureEveryEarlierItemIsDoneAndTheFirstIsRethrown() {
        int count = 1000;
        AtomicIntegerArray done = new AtomicIntegerArray(count);
        ProcException early = new ProcException(ProcException.Kind.MALFORMED, Path.of("/proc/1/stat"), "first", null);
        TwoWorkers.Task task = i -> {
            if (i == 400) {
                throw early;
            }
            if (i == 401 || i == 402) {
                throw new IllegalStateException("later");
            }
            done.incrementAndGet(i);
        };

        Throwable[] failed = TwoWorkers.run(count, task, task);

        assertThat(failed[400]).isSameAs(early);
        for (int i = 0; i < 400; i++) {
            assertThat(done.get(i)).as("item %d", i).isEqualTo(1);
            assertThat(failed[i]).isNull();
        }
        // No new item after the failure: at most the one the other thread had taken just then.
        int after = 0;
        for (int i = 403; i < count; i++) {
            after += done.get(i);
        }
        assertThat(after).isLessThanOrEqualTo(1);
        assertThatThrownBy(() -> TwoWorkers.rethrowFirst(failed)).isSameAs(early);
    }

    @Test
    void anUncheckedFailureIsRethrownAsItWas() {
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        TwoWorkers.Task task = i -> {
            if (i == 3) {
                throw bug;
            }
        };

        assertThatThrownBy(() -> TwoWorkers.rethrowFirst(TwoWorkers.run(10, task, task))).isSameAs(bug);
        assertThat(TwoWorkers.run(1, task, task)).containsOnlyNulls();
        assertThat(TwoWorkers.run(0, task, task)).isEmpty();
    }
}
