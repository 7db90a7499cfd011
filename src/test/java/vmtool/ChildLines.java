package vmtool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process's output, line by line as it comes, read on a daemon thread: what the tests of long-running
 * commands (touch, watch) wait on. The lines taken so far are kept, for assertions and failure messages.
 */
public final class ChildLines {
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    public ChildLines(InputStream output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // The child is gone.
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line that is wanted, the lines before it taken too; null when none comes within the timeout. */
    public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = queue.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        return null;
    }

    /** Every line taken so far, and those that have come since, one per element. */
    public List<String> all() {
        queue.drainTo(seen);
        return seen;
    }
}
