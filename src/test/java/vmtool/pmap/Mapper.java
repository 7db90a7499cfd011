package vmtool.pmap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The helper process src/test/c/mapper.c: compiled once per test JVM with gcc (statically, so that no
 * shared library's Pss changes while pmap runs), started with awkward argv, and killed by {@link #close}.
 */
final class Mapper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/mapper.c");
    private static Path binary;

    /** The argv after the directory: spaces, tab, newline, UTF-8, control bytes, empty arguments. */
    static final List<String> AWKWARD_ARGS = List.of(
            "--reexec", "two words", "tab\there", "new\nline", "café", "ctl\u0001\u001b[1m", "", "end", "");

    private final Process process;
    private final Path dir;
    private final Map<String, long[]> regions;
    private final boolean mlocked;
    private final int shmid;

    private Mapper(Process process, Path dir, Map<String, long[]> regions, boolean mlocked, int shmid) {
        this.process = process;
        this.dir = dir;
        this.regions = regions;
        this.mlocked = mlocked;
        this.shmid = shmid;
    }

    /** The id of its SysV segment, already marked for removal: it goes when the helper does. */
    int shmid() {
        return shmid;
    }

    Process process() {
        return process;
    }

    /** The full helper: thousands of mappings, awkward file names, awkward argv. */
    static Mapper start() {
        List<String> args = new ArrayList<>(AWKWARD_ARGS);
        return start(args);
    }

    /** A second, small helper (few mappings, plain argv) for tests with several PIDs. */
    static Mapper startSmall() {
        return start(List.of("--small"));
    }

    /** A small helper that also maps {@code file} (shared, at the lowest address of its mmaps). */
    static Mapper startSmallMapping(Path file) {
        return start(List.of("--small", "--shm-file", file.toString()));
    }

    /**
     * A small helper whose whole command line is {@code argv} (any bytes; empty arguments; none at all), which a
     * Java launch cannot give: mapper.c re-execs itself with it (--exec-argv, the arguments in hex).
     */
    static Mapper startWithArgv(List<byte[]> argv) {
        List<String> args = new ArrayList<>(List.of("--exec-argv"));
        for (byte[] arg : argv) {
            args.add(java.util.HexFormat.of().formatHex(arg));
        }
        return start(args);
    }

    private static Mapper start(List<String> extraArgs) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("vmtool-mapper-");
            List<String> command = new ArrayList<>();
            command.add(binary().toString());
            command.add(dir.toString());
            command.addAll(extraArgs);
            // stdin stays an open pipe: the helper exits when it closes, so it never outlives this JVM.
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String first = reader.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("mapper did not start: first line " + first);
            }
            Map<String, long[]> regions = new LinkedHashMap<>();
            boolean mlocked = false;
            int shmid = -1;
            for (String line = reader.readLine(); line != null && !line.equals("end"); line = reader.readLine()) {
                String[] words = line.split(" ");
                if (words[0].equals("mlock")) {
                    mlocked = words[1].equals("ok");
                } else if (words[0].equals("shmid")) {
                    shmid = Integer.parseInt(words[1]);
                } else {
                    regions.put(words[0], new long[] {Long.parseUnsignedLong(words[1], 16),
                        Long.parseUnsignedLong(words[2], 16)});
                }
            }
            Processes.awaitQuiet(process.pid());
            return new Mapper(process, dir, regions, mlocked, shmid);
        } catch (IOException e) {
            Processes.kill(process);
            Processes.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (InterruptedException | RuntimeException e) {
            Processes.kill(process);
            Processes.deleteTree(dir);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the mapper helper", e);
        }
    }

    /** Compiles mapper.c once per JVM into a temporary directory, removed when the JVM exits. */
    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path buildDir = Files.createTempDirectory("vmtool-mapper-bin-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.deleteTree(buildDir)));
        Path out = buildDir.resolve("mapper");
        List<String> gcc = List.of("gcc", "-O1", "-Wall", "-Wextra", "-static", "-pthread", "-o", out.toString(),
                SOURCE.toAbsolutePath().toString());
        RunResult result = Processes.runToEnd(gcc, Map.of(), null);
        if (result.status() != 0) {
            throw new IllegalStateException("gcc failed (" + result.status() + "):\n" + result.errText());
        }
        binary = out;
        return binary;
    }

    long pid() {
        return process.pid();
    }

    String pidArg() {
        return Long.toString(process.pid());
    }

    /** A region the helper reported: {start, end} (end exclusive). */
    long[] region(String name) {
        long[] region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("no region " + name + " in " + regions.keySet());
        }
        return region;
    }

    boolean mlocked() {
        return mlocked;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // killed below anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                Processes.kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.kill(process);
        }
        Processes.deleteTree(dir);
    }
}
