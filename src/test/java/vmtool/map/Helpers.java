package vmtool.map;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import vmtool.DiesWithTheJvm;
import vmtool.cli.CommandLineFactory;
import vmtool.model.AddressSpace;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.Sources;

/** What the map tests share: vmtool run in this JVM, helper processes, /proc read by the test itself. */
final class Helpers {
    static final Path HOMEWORK_SMAPS = Path.of("src/test/resources/smaps/homework-memory-user.smaps");

    private Helpers() {
    }

    record Run(int status, String out, String err) {
    }

    static Run vmtool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A {@code sleep 600}, once it sleeps: a small address space that no longer changes (until then the loader is
     * still mapping libraries).
     */
    static Process sleeper() throws IOException, InterruptedException {
        Process process = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600").redirectErrorStream(true));
        Path proc = Path.of("/proc/" + process.pid());
        String before = "";
        for (int tries = 0; tries < 200; tries++) {
            String maps = new String(readAll(proc.resolve("maps")), StandardCharsets.ISO_8859_1);
            String stat = new String(readAll(proc.resolve("stat")), StandardCharsets.ISO_8859_1);
            boolean sleeping = stat.substring(stat.lastIndexOf(')') + 2).startsWith("S");
            if (sleeping && maps.contains("/libc.so") && maps.equals(before)) {
                return process;
            }
            before = maps;
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("sleep 600 did not settle down to sleep");
    }

    private static byte[] readAll(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    /**
     * scripts/many-mappings.c built into {@code dir} and started with {@code pairs} pairs (2 x pairs mappings),
     * once it says it is ready; it runs until its stdin is closed (or it is destroyed).
     */
    static Process manyMappings(Path dir, int pairs) throws IOException, InterruptedException {
        Path binary = dir.resolve("many-mappings");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), "scripts/many-mappings.c")
                .redirectErrorStream(true).start();
        String gccOut = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed: " + gccOut);
        }
        Process process = new ProcessBuilder(binary.toString(), Integer.toString(pairs)).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String line = reader.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new AssertionError("many-mappings said " + line);
        }
        return process;
    }

    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The start addresses in /proc/PID/smaps, as the kernel wrote them, read by the test. */
    static List<String> startsInSmaps(long pid) throws IOException {
        List<String> starts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("/proc/" + pid + "/smaps"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                    starts.add(line.substring(0, dash));
                }
            }
        }
        return starts;
    }

    /** The process's address space as vmtool's model reads it, with the facts the map uses. */
    static AddressSpace model(long pid) throws Exception {
        return new Sources(ProcFs.system(), InputStream.nullInputStream()).read(new Source.Live((int) pid), true);
    }

    static AddressSpace homework() throws Exception {
        return new Sources(ProcFs.system(), InputStream.nullInputStream())
                .read(new Source.Saved(HOMEWORK_SMAPS.toString()), false);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
