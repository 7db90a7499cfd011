package vmtool.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * One process's smaps, opened now and read on a thread of its own (at most {@link PrefetchingInputStream}'s few
 * pieces ahead) until the caller, done with the process before it, parses it ({@link ProcFs#addressSpace(
 * vmtool.model.ProcessInfo, vmtool.model.ProcessFacts, SmapsAhead)}). A program's anatomy reads a dozen smaps one
 * after another, and the kernel's writing of each (~3 ms for 800 mappings) was most of its time: this way the kernel
 * writes the next one on the other core while this one is parsed. Closing it stops the reading.
 */
public final class SmapsAhead implements AutoCloseable {
    private final int pid;
    private final Path path;
    /** Null when the file could not be opened: then {@link #failure}. */
    private final InputStream in;
    private final IOException failure;

    private SmapsAhead(int pid, Path path, InputStream in, IOException failure) {
        this.pid = pid;
        this.path = path;
        this.in = in;
        this.failure = failure;
    }

    /** Opens {@code path}, the smaps of process {@code pid}, and starts reading it; a failure waits for its parse. */
    static SmapsAhead open(int pid, Path path) {
        try {
            return new SmapsAhead(pid, path, PrefetchingInputStream.after(new byte[0], ProcFs.openFile(path)), null);
        } catch (IOException e) {
            return new SmapsAhead(pid, path, null, e);
        }
    }

    /** Whose smaps it is: the PID it was opened for. */
    int pid() {
        return pid;
    }

    Path path() {
        return path;
    }

    /** The stream to parse, which the caller closes; the failure to open it, if it could not be. */
    InputStream stream() throws IOException {
        if (in == null) {
            throw failure;
        }
        return in;
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Only a read ahead that was not used: nothing depends on it.
            }
        }
    }
}
