package vmtool.pages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vmtool.cli.AnatomyHelper;

/**
 * The helper process src/test/c/pages.c (its regions in known page states, and a forked child), started with
 * {@code prefix} before it (e.g. the unprivileged user), ended by {@link #close}.
 */
public final class PagesHelper implements AutoCloseable {
    /** A region the helper printed. */
    public record Range(long start, long end) {
    }

    private final Process process;
    private final Path dir;
    private final BufferedReader reader;
    private final int child;
    private final Map<String, Range> ranges;

    private PagesHelper(Process process, Path dir, BufferedReader reader, int child, Map<String, Range> ranges) {
        this.process = process;
        this.dir = dir;
        this.reader = reader;
        this.child = child;
        this.ranges = ranges;
    }

    public static PagesHelper start(List<String> prefix, Path dir) throws IOException, InterruptedException {
        Path binary = AnatomyHelper.compile(Path.of("src/test/c/pages.c"), "pages-helper");
        List<String> command = new ArrayList<>(prefix);
        command.add(binary.toString());
        command.add(dir.toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String first = reader.readLine();
        if (!"ready".equals(first)) {
            process.destroyForcibly();
            throw new IllegalStateException("the pages helper did not start: " + first);
        }
        int child = Integer.parseInt(reader.readLine().split(" ")[1]);
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (String line = reader.readLine(); line != null && !line.equals("end"); line = reader.readLine()) {
            String[] words = line.split(" ");
            ranges.put(words[0], new Range(Long.parseUnsignedLong(words[1], 16),
                    Long.parseUnsignedLong(words[2], 16)));
        }
        AnatomyHelper.awaitBlocked(process.pid());
        AnatomyHelper.awaitBlocked(child);
        return new PagesHelper(process, dir, reader, child, ranges);
    }

    /** A directory any user may write, for the helper's file. */
    public static Path directory() throws IOException {
        Path dir = Files.createTempDirectory("vmtool-pages-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    public int pid() {
        return (int) process.pid();
    }

    public int child() {
        return child;
    }

    public Range range(String name) {
        Range range = ranges.get(name);
        if (range == null) {
            throw new IllegalArgumentException("no region " + name + " in " + ranges.keySet());
        }
        return range;
    }

    /** Makes the child write the first half of cow, and waits until it has. */
    public void childWrites() throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write("write\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        String done = reader.readLine();
        if (!"done".equals(done)) {
            throw new IllegalStateException("the pages helper said " + done);
        }
        AnatomyHelper.awaitBlocked(child);
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        AnatomyHelper.deleteTree(dir);
    }
}
