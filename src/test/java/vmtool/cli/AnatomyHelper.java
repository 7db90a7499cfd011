package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The helper process src/test/c/anatomy.c: compiled once per test JVM (dynamically: it must have libraries),
 * started with a temporary directory for its deleted file, and ended by {@link #close} (its stdin closes). Also
 * src/test/c/sandboxed.c, the same way, with a command prefix (the unprivileged user, a namespace).
 */
public final class AnatomyHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/anatomy.c");
    private static final Path SANDBOXED = Path.of("src/test/c/sandboxed.c");
    /** Where the helpers are built: readable and searchable by all, so that the unprivileged user can run them. */
    private static Path buildDir;
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
        return start(List.of(binary().toString(), dir.toString()), dir);
    }

    /**
     * sandboxed.c in {@code mode}, run after {@code prefix} (e.g. the unprivileged user and unshare), on {@code dir}
     * (removed by {@link #close}) and {@code elf}, with {@code extra} arguments.
     */
    static AnatomyHelper startSandboxed(List<String> prefix, String mode, Path dir, Path elf, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(compile(SANDBOXED, "sandboxed-helper").toString(), mode, dir.toString(),
                elf.toString()));
        command.addAll(List.of(extra));
        return start(command, dir);
    }

    /**
     * A library whose every segment lies in its file's first page, so that each of its mappings has file offset 0:
     * src/test/c/one-page.c linked without separate code pages, without the C library.
     */
    static synchronized Path onePageLibrary() throws IOException, InterruptedException {
        Path out = buildDirectory().resolve("libonepage.so");
        if (!Files.exists(out)) {
            gcc("-shared", "-fPIC", "-O1", "-nostdlib", "-Wl,-z,noseparate-code", "-o", out.toString(),
                    Path.of("src/test/c/one-page.c").toAbsolutePath().toString());
        }
        return out;
    }

    private static AnatomyHelper start(List<String> command, Path dir) throws IOException, InterruptedException {
        Map<String, Printed> printed = new LinkedHashMap<>();
        List<NamedThread> threads = new ArrayList<>();
        Process process = startSaying(command, dir, "anatomy", true, words -> {
            if (words[0].equals("thread")) {
                threads.add(new NamedThread(Integer.parseInt(words[1]), words[2]));
            } else if (!words[0].equals("shmid")) {
                printed.put(words[0], new Printed(Long.parseUnsignedLong(words[1], 16),
                        Long.parseUnsignedLong(words[2], 16), Long.parseUnsignedLong(words[3], 16)));
            }
        });
        return new AnatomyHelper(process, dir, printed, threads);
    }

    /**
     * Starts a helper that says "ready", then a line per fact (each given to {@code line}, split at blanks), then
     * "end"; with {@code untilBlocked}, returns once its threads all sleep. On any failure (it did not start, a line
     * did not parse) the helper is ended and {@code dir} removed.
     */
    static Process startSaying(List<String> command, Path dir, String name, boolean untilBlocked,
                               Consumer<String[]> line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = reader.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the " + name + " helper did not start: " + first);
            }
            for (String said = reader.readLine(); said != null && !said.equals("end"); said = reader.readLine()) {
                line.accept(said.split(" "));
            }
            if (untilBlocked) {
                awaitBlocked(process.pid());
            }
            return process;
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly().waitFor();
            deleteTree(dir);
            throw e;
        }
    }

    /** Until every thread sleeps in a system call: only then does each syscall file hold a stack pointer. */
    public static void awaitBlocked(long pid) throws IOException, InterruptedException {
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
        if (binary == null) {
            binary = compile(SOURCE, "anatomy-helper");
        }
        return binary;
    }

    /**
     * Builds a helper from C (dynamically, with threads) into a directory that any user may read and search, so
     * that the unprivileged test user can run it too; the directory goes when this JVM ends.
     */
    public static synchronized Path compile(Path source, String name) throws IOException, InterruptedException {
        Path out = buildDirectory().resolve(name);
        if (!Files.exists(out)) {
            gcc("-O1", "-Wall", "-Wextra", "-pthread", "-o", out.toString(), source.toAbsolutePath().toString());
        }
        return out;
    }

    /**
     * Builds a helper statically (no shared library, so that its only shared pages are those it shares on purpose),
     * into the same directory.
     */
    static synchronized Path compileStatic(Path source, String name) throws IOException, InterruptedException {
        Path out = buildDirectory().resolve(name);
        if (!Files.exists(out)) {
            gcc("-O1", "-Wall", "-Wextra", "-static", "-o", out.toString(), source.toAbsolutePath().toString());
        }
        return out;
    }

    private static synchronized Path buildDirectory() throws IOException {
        if (buildDir == null) {
            Path dir = Files.createTempDirectory("vmtool-anatomy-bin-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            buildDir = dir;
        }
        return buildDir;
    }

    private static void gcc(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc"));
        command.addAll(List.of(args));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed:\n" + output);
        }
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
        end(process, dir);
    }

    /** Ends a helper that stops when its standard input closes (killed after 5 s), and removes its directory. */
    static void end(Process process, Path dir) throws IOException {
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

    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: nothing more to do
        }
    }
}
