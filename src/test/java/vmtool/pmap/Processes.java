package vmtool.pmap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import vmtool.DiesWithTheJvm;

/** Starting, waiting for and killing the child processes the tests use. */
final class Processes {
    private static final long RUN_TIMEOUT_SECONDS = 60;

    private Processes() {
    }

    /**
     * The bytes of a /proc file, read through a stream: on JDK 17 Files.readAllBytes and Files.readString
     * trust the size 0 that /proc reports and can return only the first byte (seen on /proc/sys files).
     */
    static byte[] readProc(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    static String readProcString(Path path) throws IOException {
        return new String(readProc(path), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Runs a command to its end, capturing stdout and stderr as bytes; stdin is empty. */
    static RunResult runToEnd(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out after " + RUN_TIMEOUT_SECONDS + " s: " + command);
            }
            return new RunResult(process.exitValue(), out.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    err.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("reading the output of " + command, e);
        } finally {
            kill(process);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Kills a process and its descendants (by their ids), and waits for it. */
    static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A quiet process of our own: `sleep 600`, killed if the tests die ({@link DiesWithTheJvm}). */
    static Process startSleep() {
        try {
            return DiesWithTheJvm.start(new ProcessBuilder("sleep", "600").redirectErrorStream(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A zombie: {@code sh -c 'sleep 0 & exec sleep 600'} leaves the `sleep 0` child unreaped by the
     * exec'd sleep. Returns the parent; {@link #zombieChild} finds the zombie.
     */
    static Process startZombieParent() {
        try {
            return DiesWithTheJvm.start(new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 600"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zombie child of this process, once it has become one (waits up to 5 s). */
    static long zombieChild(Process parent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<Long> zombie = childrenOf(parent.pid()).stream()
                    .filter(pid -> "Z".equals(state(pid)))
                    .findFirst();
            if (zombie.isPresent()) {
                return zombie.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no zombie child of " + parent.pid() + " appeared");
    }

    private static List<Long> childrenOf(long pid) {
        try {
            String text = readProcString(Path.of("/proc/" + pid + "/task/" + pid + "/children"));
            return java.util.Arrays.stream(text.trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The state letter of /proc/PID/stat, or null when the process is gone. */
    static String state(long pid) {
        try {
            String stat = readProcString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Waits until the process sleeps (state S) and has for a while, so that its maps no longer change. */
    static void awaitQuiet(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int sleepingInARow = 0;
        while (System.nanoTime() < deadline && sleepingInARow < 3) {
            sleepingInARow = "S".equals(state(pid)) ? sleepingInARow + 1 : 0;
            Thread.sleep(20);
        }
    }

    /** Deletes a directory tree with `rm -rf`: names that are not valid UTF-8 defeat java.nio's walk. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Process rm = new ProcessBuilder("rm", "-rf", "--", dir.toString()).inheritIO().start();
            rm.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
