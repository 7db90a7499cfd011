package vmtool.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A /proc file of 64-bit entries, one per index: a process's pagemap (one per virtual page), /proc/kpageflags and
 * /proc/kpagecount (one per page frame). Read in large batches with pread (one per call of {@link #read}, up to the
 * buffer's size), never one read per entry. Opened by {@link ProcFs}, which builds the path.
 */
public final class EntryFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final LongBuffer entries;

    private EntryFile(Path path, FileChannel channel, int batch) {
        this.path = path;
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(batch * 8).order(ByteOrder.nativeOrder());
        this.entries = buffer.asLongBuffer();
    }

    static EntryFile open(Path path, int batch) throws ProcException {
        try {
            return new EntryFile(path, FileChannel.open(path, StandardOpenOption.READ), batch);
        } catch (IOException e) {
            throw ProcFs.classify(path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** How many entries one read takes at most. */
    public int batch() {
        return entries.capacity();
    }

    /**
     * Reads entries {@code first .. first + count - 1} into {@code into[0 ..]}, count at most {@link #batch()}.
     *
     * @return how many were read: fewer than asked at the end of the file (pagemap: past the top of the user
     *         address space, or a process that has exited, whose pagemap reads as empty)
     */
    public int read(long first, long[] into, int count) throws ProcException {
        if (count > entries.capacity()) {
            throw new IllegalArgumentException("at most " + entries.capacity() + " entries per read, not " + count);
        }
        buffer.clear().limit(count * 8);
        long position = first * 8;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw ProcFs.classify(path, e);
        }
        int read = buffer.position() / 8;
        entries.clear();
        entries.get(into, 0, read);
        return read;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a /proc file that was only read loses nothing.
        }
    }
}
