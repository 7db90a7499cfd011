package vmtool.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into a value a long-running command waits for, instead of the JVM's exit: a
 * shutdown hook cannot tell them apart, the exit status must (130, 143, 129), and the terminal must be put back
 * (the cursor shown) before the process ends. sun.misc.Signal is the JDK's way. Used by touch and watch. SIGQUIT
 * stays the JVM's: its thread dump goes to stderr (the launcher's -XX:+DisplayVMOutputToStderr), and the JVM's
 * attach mechanism, which jcmd and {@code vmtool anatomy --jvm} use, starts on it. {@link #close()} puts the
 * previous handlers back.
 */
public final class StopSignals implements AutoCloseable {
    /** A signal that stops the command, and the status it ends with (128 + its number, as a shell reports). */
    public enum Stop {
        SIGINT("INT", 130),
        SIGTERM("TERM", 143),
        SIGHUP("HUP", 129);

        private final String signalName;
        private final int exitStatus;

        Stop(String signalName, int exitStatus) {
            this.signalName = signalName;
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    private final BlockingQueue<Stop> received = new LinkedBlockingQueue<>();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    /** Queues the signal it is installed for. */
    private static final class Handler implements SignalHandler {
        private final BlockingQueue<Stop> queue;
        private final Stop stop;

        Handler(BlockingQueue<Stop> queue, Stop stop) {
            this.queue = queue;
            this.stop = stop;
        }

        @Override
        public void handle(Signal signal) {
            queue.offer(stop);
        }
    }

    public StopSignals() {
        for (Stop stop : Stop.values()) {
            Signal signal = new Signal(stop.signalName);
            try {
                installed.add(new Installed(signal, Signal.handle(signal, new Handler(received, stop))));
            } catch (IllegalArgumentException e) {
                // The signal is ignored (a shell's background job) or reserved by the JVM: it cannot stop us anyway.
            }
        }
    }

    /** The first signal received within this many milliseconds, or null. */
    public Stop await(long millis) throws InterruptedException {
        return received.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** A signal received already, or null; does not wait. */
    public Stop poll() {
        return received.poll();
    }

    @Override
    public void close() {
        for (Installed entry : installed) {
            Signal.handle(entry.signal(), entry.previous());
        }
    }
}
