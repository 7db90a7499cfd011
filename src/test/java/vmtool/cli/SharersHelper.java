package vmtool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The helper process src/test/c/sharers.c: a parent and N children sharing a shared anonymous region, a memfd, a
 * file and a System V segment, each child with private memory of its own. Compiled once per test JVM, ended by
 * {@link #close} (its stdin closes; the children die with it).
 */
final class SharersHelper implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/sharers.c");

    /** The pages of each shared object, as sharers.c makes them. */
    static final int ANON_PAGES = 64;
    static final int MEMFD_PAGES = 32;
    static final int FILE_PAGES = 16;
    static final int SYSV_PAGES = 8;

    /** A child: its number (1..N), pid, and its private memory's range. */
    record Child(int number, int pid, long start, long end) {
    }

    private final Process process;
    private final Path dir;
    private final int parent;
    private final List<Child> children;
    private final long shmid;

    private SharersHelper(Process process, Path dir, int parent, List<Child> children, long shmid) {
        this.process = process;
        this.dir = dir;
        this.parent = parent;
        this.children = children;
        this.shmid = shmid;
    }

    /** {@code sharers N DIR PRIVATE_KB [MAPPINGS]}. */
    static SharersHelper start(int children, int privateKb, int... mappings) throws IOException,
            InterruptedException {
        Path dir = Files.createTempDirectory("vmtool-sharers-");
        List<String> command = new ArrayList<>(List.of(binary().toString(), Integer.toString(children),
                dir.toString(), Integer.toString(privateKb)));
        if (mappings.length > 0) {
            command.add(Integer.toString(mappings[0]));
        }
        return start(command, dir);
    }

    /**
     * The same helper run from a copy whose file name is the bytes {@code sh\xffrs}, not UTF-8: every process's
     * kernel name (comm) is that.
     */
    static SharersHelper startNamedNotUtf8(int children) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vmtool-sharers-");
        String script = "name=\"$1/$(printf 'sh\\377rs')\"; cp \"$0\" \"$name\" && exec \"$name\" " + children
                + " \"$1\" 64";
        return start(List.of("/bin/sh", "-c", script, binary().toString(), dir.toString()), dir);
    }

    private static SharersHelper start(List<String> command, Path dir) throws IOException, InterruptedException {
        int[] parent = new int[1];
        long[] shmid = {-1};
        List<Child> list = new ArrayList<>();
        Process process = AnatomyHelper.startSaying(command, dir, "sharers", false, words -> {
            switch (words[0]) {
                case "parent" -> parent[0] = Integer.parseInt(words[1]);
                case "child" -> list.add(new Child(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                        Long.parseUnsignedLong(words[3], 16), Long.parseUnsignedLong(words[4], 16)));
                case "shmid" -> shmid[0] = Long.parseLong(words[1]);
                default -> throw new IllegalStateException("the sharers helper said: " + String.join(" ", words));
            }
        });
        return new SharersHelper(process, dir, parent[0], List.copyOf(list), shmid[0]);
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        return AnatomyHelper.compile(SOURCE, "sharers");
    }

    int parent() {
        return parent;
    }

    List<Child> children() {
        return children;
    }

    /** The parent, then every child. */
    List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        pids.add(parent);
        for (Child child : children) {
            pids.add(child.pid());
        }
        return pids;
    }

    /** The pids as command-line operands. */
    List<String> pidArgs() {
        List<String> args = new ArrayList<>();
        for (int pid : pids()) {
            args.add(Integer.toString(pid));
        }
        return args;
    }

    long shmid() {
        return shmid;
    }

    /** The file every process maps shared. */
    Path file() {
        return dir.resolve("shared.dat");
    }

    /** The file every process maps privately, and each child writes a page of. */
    Path privateFile() {
        return dir.resolve("private.dat");
    }

    @Override
    public void close() throws IOException {
        AnatomyHelper.end(process, dir);
    }
}
