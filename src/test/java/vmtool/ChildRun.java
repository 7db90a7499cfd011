package vmtool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A child process run to its end: its exit status and both streams, as UTF-8. */
public record ChildRun(int status, String out, String err) {
    /**
     * Reads a started process's standard output and error to their ends (the error on a thread of its own, so that
     * neither pipe fills while the other is read) and waits for it; one still running after {@code seconds} is
     * killed, and the test fails.
     */
    public static ChildRun of(Process process, int seconds) throws IOException, InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // The process is gone; what was read is kept.
            }
        });
        errReader.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end in " + seconds + " s: " + process.info().commandLine()
                    .orElse("pid " + process.pid()));
        }
        errReader.join();
        return new ChildRun(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }
}
