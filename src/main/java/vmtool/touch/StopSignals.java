package vmtool.touch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into a {@link StopReason} the run waits for, instead of the JVM's exit. A
 * shutdown hook cannot tell them apart, and the exit status must (130, 143, 129); sun.misc.Signal is the JDK's way.
 * SIGQUIT stays the JVM's: it prints a thread dump, which the launcher sends to stderr
 * (-XX:+DisplayVMOutputToStderr), and the JVM's attach mechanism, which jcmd and {@code vmtool anatomy --jvm} use,
 * starts on it; so the run goes on. {@link #close()} puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {
    private final BlockingQueue<StopReason> received = new LinkedBlockingQueue<>();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    StopSignals() {
        for (StopReason reason : List.of(StopReason.SIGINT, StopReason.SIGTERM, StopReason.SIGHUP)) {
            Signal signal = new Signal(reason.signalName());
            try {
                installed.add(new Installed(signal, Signal.handle(signal, new Received(reason))));
            } catch (IllegalArgumentException e) {
                // The signal is ignored (a shell's background job) or reserved by the JVM: it cannot stop us anyway.
            }
        }
    }

    /** The first signal received within this many milliseconds, or null. */
    StopReason await(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** A signal received already, or null; does not wait. */
    StopReason poll() {
        return received.poll();
    }

    @Override
    public void close() {
        for (Installed entry : installed) {
            Signal.handle(entry.signal(), entry.previous());
        }
    }

    /** Queues the signal's reason (a class, not a lambda: no bootstrap on touch's path). */
    private final class Received implements SignalHandler {
        private final StopReason reason;

        Received(StopReason reason) {
            this.reason = reason;
        }

        @Override
        public void handle(Signal signal) {
            received.offer(reason);
        }
    }
}
