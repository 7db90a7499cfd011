package vmtool.output;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output streams whose writes fail as the kernel fails them, not with a made-up exception: {@code /dev/full}
 * (ENOSPC) and a FIFO whose only reader has closed it (EPIPE), both written through FileOutputStream as vmtool's
 * standard output is.
 */
public final class RealWriteFailures {
    private RealWriteFailures() {
    }

    /** {@code /dev/full}: every write fails with ENOSPC. */
    public static OutputStream full() throws IOException {
        return new FileOutputStream("/dev/full");
    }

    /**
     * A FIFO in {@code directory} opened for writing, whose reader is already gone: every write fails with EPIPE
     * (the JVM ignores SIGPIPE).
     */
    public static OutputStream closedPipe(Path directory) throws IOException, InterruptedException {
        Path fifo = directory.resolve("fifo-" + System.nanoTime());
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0 || !Files.exists(fifo)) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        // Opened read-write first (which does not wait for a peer on Linux), the FIFO has a reader, so opening it
        // write-only does not block; closing that reader leaves a writer with none.
        FileOutputStream writer;
        try (RandomAccessFile reader = new RandomAccessFile(fifo.toFile(), "rw")) {
            writer = new FileOutputStream(fifo.toFile());
        }
        Files.delete(fifo);
        return writer;
    }
}
