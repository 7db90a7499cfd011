package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vmtool.Unprivileged;

/**
 * The helper process src/test/c/names.c, run as the unprivileged test user: it maps files whose names hold UTF-8,
 * escape sequences, a byte that is not UTF-8, a newline, a bidirectional override and a C1 control, and names
 * itself and a thread with escape sequences. Compiled once per test JVM; ended by {@link #close} (its stdin closes).
 */
final class NamesHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/names.c");
    /** The file names, as bytes (one char per byte), in the order the helper maps them. */
    static final List<String> NAMES = List.of("caf\u00c3\u00a9.bin", "esc\u001b[31mred\u001b[0m.bin", "bad\u00ff.bin",
            "new\nline.bin", "rlo\u00e2\u0080\u00aenib.exe", "c1\u00c2\u009b2J.bin", "title\u001b]0;pwned\u0007.bin");
    /** The argument with an escape sequence that the helper is given: its command line holds it. */
    static final String ARGUMENT = "\u001b[32mARG";
    static final String COMM = "\u001b[31mcomm\u0007";
    static final String THREAD_NAME = "\u001b]0;pwn\u0007";

    private static Path binary;

    private final Process process;
    private final Path dir;
    private final List<Long> mapped;
    private final int threadId;
    private final long threadStackAddress;

    private NamesHelper(Process process, Path dir, List<Long> mapped, int threadId, long threadStackAddress) {
        this.process = process;
        this.dir = dir;
        this.mapped = mapped;
        this.threadId = threadId;
        this.threadStackAddress = threadStackAddress;
    }

    static NamesHelper start() throws IOException, InterruptedException {
        Path program = binary();
        Path dir = Unprivileged.ownedDirectory(Path.of(System.getProperty("java.io.tmpdir")), "vmtool-names-");
        Process process = new ProcessBuilder(Unprivileged.command(List.of(program.toString(), dir.toString(),
                ARGUMENT))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = reader.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the names helper did not start: " + first);
            }
            List<Long> mapped = new ArrayList<>();
            int tid = 0;
            long stack = 0;
            for (String line = reader.readLine(); line != null && !line.equals("end"); line = reader.readLine()) {
                String[] words = line.split(" ");
                if (words[0].equals("map")) {
                    mapped.add(Long.parseUnsignedLong(words[2], 16));
                } else if (words[0].equals("thread")) {
                    tid = Integer.parseInt(words[1]);
                    stack = Long.parseUnsignedLong(words[2], 16);
                }
            }
            AnatomyHelper.awaitBlocked(process.pid());
            return new NamesHelper(process, dir, mapped, tid, stack);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly().waitFor();
            AnatomyHelper.deleteTree(dir);
            throw e;
        }
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary == null) {
            binary = AnatomyHelper.compile(SOURCE, "names-helper");
        }
        return binary;
    }

    String pidArg() {
        return Long.toString(process.pid());
    }

    /** The directory of the files, as their mapping names start (one char per byte: its path is ASCII). */
    String dir() {
        return dir.toString();
    }

    /** An address in the mapping of the file {@code NAMES.get(index)}. */
    long mapped(int index) {
        return mapped.get(index);
    }

    int threadId() {
        return threadId;
    }

    long threadStackAddress() {
        return threadStackAddress;
    }

    /** Has the helper map its files again, one every 20 ms, for 10 s: mappings appear while vmtool watches. */
    void grow() throws IOException {
        process.getOutputStream().write("grow\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        AnatomyHelper.end(process, dir);
    }
}
