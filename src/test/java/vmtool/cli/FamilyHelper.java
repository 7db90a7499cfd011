package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code src/test/c/family.c} running: a parent and N children that share a MAP_SHARED anonymous region, a memfd,
 * a file and a System V segment, child i with (i + 1) * PRIVATE_KB of its own. It ends, children too, when closed
 * (their shared standard input ends).
 */
final class FamilyHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/family.c");

    private static final AtomicInteger COPIES = new AtomicInteger();

    private final Process process;
    private final List<Long> children = new ArrayList<>();
    private final List<Long> privateKb = new ArrayList<>();

    private FamilyHelper(Process process) {
        this.process = process;
    }

    /** The helper's binary: static, so that it shares with others only what it shares on purpose. */
    static Path binary() throws IOException, InterruptedException {
        return AnatomyHelper.compileStatic(SOURCE, "ps-family");
    }

    /**
     * A copy of the binary in {@code dir} (readable and runnable by anyone) under a name that no other process
     * runs: this JVM's pid and a count, so that a test selects by name only the processes it started, whatever else
     * runs on the machine (the benchmark's ps-family, another test run). At most 15 bytes, the kernel's limit for
     * a name (comm), so that the name, the file name and the comm are one.
     */
    static Path ownCopy(Path dir) throws IOException, InterruptedException {
        Path copy = dir.resolve("psf" + ProcessHandle.current().pid() + "-" + COPIES.incrementAndGet());
        Files.copy(binary(), copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }

    /**
     * Starts the family ({@code prefix}: e.g. setpriv's arguments, to run it as another user) and waits until every
     * child has written its memory.
     */
    static FamilyHelper start(List<String> prefix, int children, long privateKb, long sharedKb, Path dir)
            throws IOException, InterruptedException {
        return start(prefix, binary(), children, privateKb, sharedKb, dir);
    }

    /** As {@link #start(List, int, long, long, Path)}, with a copy of the binary (a program name of its own). */
    static FamilyHelper start(List<String> prefix, Path binary, int children, long privateKb, long sharedKb,
                              Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(binary.toString(), Integer.toString(children), Long.toString(privateKb),
                Long.toString(sharedKb), dir == null ? "-" : dir.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        FamilyHelper family = new FamilyHelper(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            if (line.startsWith("child ")) {
                String[] parts = line.split(" ");
                family.children.add(Long.parseLong(parts[1]));
                family.privateKb.add(Long.parseLong(parts[3]));
            }
        }
        if (line == null) {
            family.close();
            throw new IllegalStateException("the family helper ended before it was ready");
        }
        return family;
    }

    long pid() {
        return process.pid();
    }

    List<Long> children() {
        return children;
    }

    /** The private anonymous memory that child {@code i} (in the order of {@link #children}) wrote, in kB. */
    long privateKb(int i) {
        return privateKb.get(i);
    }

    /** Every pid of the family, the parent first. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(pid()));
        pids.addAll(children);
        return pids;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                for (long child : children) {
                    ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
                }
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** /proc/PID/smaps_rollup's value for {@code key}, in kB, read now (not through vmtool's parser). */
    static long rollup(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + key + " in the smaps_rollup of " + pid);
    }

    /** The number of lines of /proc/PID/maps now. */
    static long maps(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).size();
    }
}
