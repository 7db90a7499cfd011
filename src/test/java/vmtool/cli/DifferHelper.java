package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The helper process src/test/c/differ.c: compiled once per test JVM (statically, so that no library's Pss moves
 * with other processes), started, told to change its address space by {@link #step}, ended by {@link #close}
 * (its stdin closes).
 */
final class DifferHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/differ.c");
    private static Path binary;

    /** Region bounds as the helper printed them: start and end. */
    private final Map<String, long[]> regions = new LinkedHashMap<>();
    private final Process process;
    private final BufferedReader reader;
    private final OutputStream stdin;

    private DifferHelper(Process process) {
        this.process = process;
        this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.stdin = process.getOutputStream();
    }

    static DifferHelper start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary().toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        DifferHelper helper = new DifferHelper(process);
        try {
            String first = helper.reader.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the differ helper did not start: " + first);
            }
            helper.readRegions("end");
            return helper;
        } catch (IOException | RuntimeException e) {
            helper.close();
            throw e;
        }
    }

    private void readRegions(String last) throws IOException {
        for (String line = reader.readLine(); line != null && !line.equals(last); line = reader.readLine()) {
            String[] words = line.split(" ");
            regions.put(words[0], new long[] {Long.parseUnsignedLong(words[1], 16),
                Long.parseUnsignedLong(words[2], 16)});
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Where the helper put a region ({@code removed}, {@code grown}, {@code split}; {@code added} after a step). */
    long[] region(String name) {
        long[] bounds = regions.get(name);
        if (bounds == null) {
            throw new IllegalArgumentException("no region " + name + " in " + regions.keySet());
        }
        return bounds;
    }

    /** Maps "added", grows "grown", unmaps "removed", splits "split"; returns when it is done. */
    void step() throws IOException {
        stdin.write("step\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        readRegions("done");
    }

    /** Ends the helper (its stdin closes) and waits for it. */
    @Override
    public void close() throws IOException {
        try {
            stdin.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path dir = Files.createTempDirectory("vmtool-differ-bin-");
        Path out = dir.resolve("differ");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // A temporary directory; nothing else to do.
            }
        }));
        Process gcc = new ProcessBuilder(List.of("gcc", "-O1", "-Wall", "-Wextra", "-static", "-o", out.toString(),
                SOURCE.toAbsolutePath().toString())).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc failed:\n" + output);
        }
        binary = out;
        return binary;
    }
}
