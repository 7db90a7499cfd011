package vmtool.cli;

import java.io.IOException;
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
        List<Long> mapped = new ArrayList<>();
        int[] thread = new int[1];
        long[] stack = new long[1];
        Process process = AnatomyHelper.startSaying(Unprivileged.command(List.of(program.toString(), dir.toString(),
                ARGUMENT)), dir, "names", true, words -> {
                    if (words[0].equals("map")) {
                        mapped.add(Long.parseUnsignedLong(words[2], 16));
                    } else if (words[0].equals("thread")) {
                        thread[0] = Integer.parseInt(words[1]);
                        stack[0] = Long.parseUnsignedLong(words[2], 16);
                    }
                });
        return new NamesHelper(process, dir, mapped, thread[0], stack[0]);
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
