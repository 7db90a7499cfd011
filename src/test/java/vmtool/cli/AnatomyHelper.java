package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The helper process src/test/c/anatomy.c: compiled once per test JVM (dynamically: it must have libraries),
 * started with a temporary directory for its deleted file, and ended by {@link #close} (its stdin closes).
 */
final class AnatomyHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/anatomy.c");
    private static Path binary;

    /** An address the helper printed inside a region, and the region's bounds when it knows them (else 0, 0). */
    record Printed(long address, long start, long end) {
    }

    /** A thread the helper named. */
    record NamedThread(int tid, String name) {
    }

    private final Process process;
    private final Path dir;
    private final Map<String, Printed> printed;
    private final List<NamedThread> threads;

    private AnatomyHelper(Process process, Path dir, Map<String, Printed> printed, List<NamedThread> threads) {
        this.process = process;
        this.dir = dir;
        this.printed = printed;
        this.threads = threads;
    }

    static AnatomyHelper start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vmtool-anatomy-");
        Process process = new ProcessBuilder(binary().toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = reader.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the anatomy helper did not start: " + first);
            }
            Map<String, Printed> printed = new LinkedHashMap<>();
            List<NamedThread> threads = new ArrayList<>();
            for (String line = reader.readLine(); line != null && !line.equals("end"); line = reader.readLine()) {
                String[] words = line.split(" ");
                if (words[0].equals("thread")) {
                    threads.add(new NamedThread(Integer.parseInt(words[1]), words[2]));
                } else if (!words[0].equals("shmid")) {
                    printed.put(words[0], new Printed(Long.parseUnsignedLong(words[1], 16),
                            Long.parseUnsignedLong(words[2], 16), Long.parseUnsignedLong(words[3], 16)));
                }
            }
            awaitBlocked(process.pid());
            return new AnatomyHelper(process, dir, printed, threads);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            deleteTree(dir);
            throw e;
        }
    }

    /** Until every thread sleeps in a system call: only then does each syscall file hold a stack pointer. */
    private static void awaitBlocked(long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean allBlocked = true;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    allBlocked &= !Files.readString(task.resolve("syscall")).startsWith("running");
                }
            }
            if (allBlocked) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path out = Gcc.build(SOURCE, "anatomy-helper", "-pthread");
        binary = out;
        return binary;
    }

    long pid() {
        return process.pid();
    }

    String pidArg() {
        return Long.toString(process.pid());
    }

    Printed printed(String name) {
        Printed value = printed.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the helper printed no " + name + ": " + printed.keySet());
        }
        return value;
    }

    List<NamedThread> threads() {
        return threads;
    }

    /** The helper's deleted file, as its mapping names it. */
    String deletedFile() {
        return dir.resolve("gone.dat") + " (deleted)";
    }

    String binaryPath() {
        return binary.toString();
    }

    /** Saves a copy of one of the helper's /proc files (smaps, maps) to {@code target}. */
    Path save(String procFile, Path target) throws IOException {
        Files.write(target, Files.readAllBytes(Path.of("/proc/" + pid() + "/" + procFile)));
        return target;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: nothing more to do
        }
    }
}
