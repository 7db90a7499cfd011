package vmtool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Assumptions;

/**
 * Huge pages from the kernel's hugetlb pool for a test: {@link #reserve} raises vm.nr_hugepages by the pages asked,
 * {@link #close} gives the old value back. The pool is the machine's, and several checkouts' builds share the
 * machine: a lock file, held from the raise to the restore, keeps two tests from restoring over each other's raise
 * (which would leave pages reserved, or take away pages in use).
 */
public final class HugePages implements AutoCloseable {
    private static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");
    private static final Path LOCK = Path.of("/tmp/vmtool-nr_hugepages.lock");

    private final FileChannel channel;
    private final FileLock lock;
    private final String old;

    private HugePages(FileChannel channel, FileLock lock, String old) {
        this.channel = channel;
        this.lock = lock;
        this.old = old;
    }

    /**
     * {@code pages} more free huge pages; the test is skipped, saying why, when vm.nr_hugepages cannot be written
     * (not root, a container) or the kernel cannot give that many (memory too fragmented for 2 MiB pages).
     */
    public static HugePages reserve(int pages) throws IOException {
        Assumptions.assumeTrue(Files.isWritable(NR_HUGEPAGES), "cannot set vm.nr_hugepages here (needs root)");
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock = channel.lock();
        String old = Files.readString(NR_HUGEPAGES).strip();
        HugePages reserved = new HugePages(channel, lock, old);
        long free;
        try {
            Files.writeString(NR_HUGEPAGES, Long.toString(Long.parseLong(old) + pages));
            free = meminfo("HugePages_Free");
        } catch (IOException | RuntimeException e) {
            reserved.close();
            throw e;
        }
        if (free < pages) {
            reserved.close();
            Assumptions.abort("the kernel gave " + free + " free huge pages, not the " + pages + " asked"
                    + " (vm.nr_hugepages raised from " + old + ")");
        }
        return reserved;
    }

    /** A count from /proc/meminfo ("HugePages_Free:      46"). */
    private static long meminfo(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).strip().split(" ")[0]);
            }
        }
        throw new IOException("no " + key + " in /proc/meminfo");
    }

    /** Gives vm.nr_hugepages its old value back, then lets other tests raise it. */
    @Override
    public void close() throws IOException {
        try {
            Files.writeString(NR_HUGEPAGES, old);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
