package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

class TurnsTest {
    /** Threads that take a turn, hold it briefly, and leave, until the stop; each counts its turns. */
    private static final class Takers {
        final StopFlag stop = new StopFlag();
        final Turns turns;
        final AtomicInteger holding = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        /** Set once endAll has returned: no turn may begin after that. */
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicInteger turnsAfterTheEnd = new AtomicInteger();
        final AtomicLongArray taken;
        final List<Thread> threads = new ArrayList<>();

        Takers(int width, int count) {
            turns = new Turns(width, stop);
            taken = new AtomicLongArray(count);
            for (int i = 0; i < count; i++) {
                int me = i;
                threads.add(new Thread(() -> {
                    while (turns.take()) {
                        try {
                            if (ended.get()) {
                                turnsAfterTheEnd.incrementAndGet();
                            }
                            mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            taken.incrementAndGet(me);
                            spin(20_000);
                            holding.decrementAndGet();
                        } finally {
                            turns.leave();
                        }
                    }
                }, "taker-" + i));
            }
            threads.forEach(Thread::start);
        }
    }

    @Test
    void atMostWidthHoldATurnAndEveryThreadGetsTurns() throws Exception {
        Takers takers = new Takers(3, 40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!everyOneHasTaken(takers.taken, 5) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        takers.turns.endAll();
        assertThat(takers.holding.get()).as("no turn is held once endAll returns").isZero();
        for (Thread thread : takers.threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName() + " ended by itself").isFalse();
        }
        assertThat(takers.mostAtOnce.get()).isBetween(1, 3);
        assertThat(everyOneHasTaken(takers.taken, 5)).as("turns go round: %s", takers.taken).isTrue();
    }

    /** Once endAll returns, no turn is held and none begins. */
    @Test
    void noTurnIsTakenOnceTheRunIsEnding() throws Exception {
        for (int round = 0; round < 50; round++) {
            Takers takers = new Takers(2, 8);
            Thread.sleep(round % 5);
            takers.turns.endAll();
            takers.ended.set(true);
            int held = takers.holding.get();
            long takenAtEnd = total(takers.taken);
            for (Thread thread : takers.threads) {
                thread.join(10_000);
            }
            assertThat(held).isZero();
            assertThat(total(takers.taken)).as("no turn after endAll returned").isEqualTo(takenAtEnd);
            assertThat(takers.turnsAfterTheEnd.get()).isZero();
        }
    }

    @Test
    void workersWaitingToStartSeeTheStopWithoutATurn() throws Exception {
        StopFlag stop = new StopFlag();
        Turns turns = new Turns(1, stop);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            assertThat(turns.take()).isTrue();
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                turns.leave();
            }
        });
        holder.start();
        holding.await();
        List<Boolean> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread waiter = new Thread(() -> answers.add(turns.take()));
            waiters.add(waiter);
            waiter.start();
        }
        Thread.sleep(50);
        assertThat(answers).as("the one turn is held").isEmpty();
        Thread ending = new Thread(() -> {
            try {
                turns.endAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ending.start();
        for (Thread waiter : waiters) {
            waiter.join(10_000);
        }
        assertThat(answers).as("let through, and refused").containsExactly(false, false, false, false);
        Thread.sleep(50);
        assertThat(ending.isAlive()).as("endAll waits for the holder").isTrue();
        release.countDown();
        ending.join(10_000);
        assertThat(ending.isAlive()).isFalse();
    }

    private static boolean everyOneHasTaken(AtomicLongArray taken, long atLeast) {
        for (int i = 0; i < taken.length(); i++) {
            if (taken.get(i) < atLeast) {
                return false;
            }
        }
        return true;
    }

    private static long total(AtomicLongArray taken) {
        long sum = 0;
        for (int i = 0; i < taken.length(); i++) {
            sum += taken.get(i);
        }
        return sum;
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
