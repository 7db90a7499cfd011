package vmtool.touch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a {@link StopReason} the run waits for, instead of the JVM's exit. A shutdown hook
 * cannot tell the two apart, and the exit status must (130, 143); sun.misc.Signal is the JDK's way.
 * {@link #close()} puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {
    private final BlockingQueue<StopReason> received = new LinkedBlockingQueue<>();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    StopSignals() {
        for (StopReason reason : List.of(StopReason.SIGINT, StopReason.SIGTERM)) {
            Signal signal = new Signal(reason.signalName());
            try {
                installed.add(new Installed(signal, Signal.handle(signal, s -> received.offer(reason))));
            } catch (IllegalArgumentException e) {
                // The signal is ignored (a shell's background job) or reserved by the JVM: it cannot stop us anyway.
            }
        }
    }

    /** The first signal received within this many milliseconds, or null. */
    StopReason await(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        installed.forEach(entry -> Signal.handle(entry.signal(), entry.previous()));
    }
}
