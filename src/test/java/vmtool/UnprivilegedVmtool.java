package vmtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * vmtool run as the unprivileged user ({@link Unprivileged}) in a JVM of its own ({@link ChildVmtool}, whose class
 * path any user may read: root's Maven repository is closed to others).
 */
public final class UnprivilegedVmtool {
    /** One run: its exit status and both streams. */
    public record Run(int status, String out, String err) {
    }

    private UnprivilegedVmtool() {
    }

    public static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = ChildVmtool.command(args);
        Process process = new ProcessBuilder(Unprivileged.command(command))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[][] streams = new byte[2][];
        Thread err = new Thread(() -> {
            try {
                streams[1] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        err.start();
        streams[0] = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vmtool did not end in 60 s: " + command);
        }
        err.join();
        return new Run(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }
}
