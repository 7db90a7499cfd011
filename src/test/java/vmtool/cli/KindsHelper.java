package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The helper process src/test/c/kinds.c: compiled once per test JVM, started with one kind of mapping, and ended by
 * {@link #close} (its stdin closes).
 */
final class KindsHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/kinds.c");
    private static Path binary;

    private final Process process;
    private final long start;

    private KindsHelper(Process process, long start) {
        this.process = process;
        this.start = start;
    }

    /**
     * Starts {@code kinds ARGS}; null when it exited with {@code unavailableStatus} before it was ready (the
     * machine cannot give what it asks for).
     */
    static KindsHelper start(int unavailableStatus, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (line == null || !line.startsWith("ready ")) {
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            if (exited && process.exitValue() == unavailableStatus) {
                return null;
            }
            process.destroyForcibly();
            throw new IllegalStateException("the kinds helper did not start: " + line);
        }
        return new KindsHelper(process, Long.parseUnsignedLong(line.substring("ready ".length()), 16));
    }

    String pidArg() {
        return Long.toString(process.pid());
    }

    /** The start of the mapping it made. */
    long start() {
        return start;
    }

    /** The smaps entry of the mapping it made, read now: its header line and fields, one string per line. */
    List<String> smapsEntry() throws IOException {
        String prefix = Long.toHexString(start) + "-";
        List<String> entry = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("/proc", pidArg(), "smaps"), StandardCharsets.ISO_8859_1)) {
            String first = line.substring(0, Math.max(0, line.indexOf(' ')));
            if (!first.endsWith(":")) {
                in = line.startsWith(prefix);
            }
            if (in) {
                entry.add(line);
            }
        }
        return entry;
    }

    /** A field of {@link #smapsEntry}, in kB. */
    long smapsKb(String key) throws IOException {
        for (String line : smapsEntry()) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no " + key + " in " + smapsEntry());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path out = AnatomyHelper.compile(SOURCE, "kinds");
        binary = out;
        return binary;
    }
}
