package vmtool.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that marks its own write errors by type ({@link WriteFailed}), so that {@link Failure} can say
 * that the output could not be written (a full disk, {@code > /dev/full}) rather than report an internal error.
 */
final class StandardOutput extends FilterOutputStream {
    /** Writing to standard output failed; the cause is the system's error. */
    static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The first write error, for a writer that keeps errors to itself (a PrintWriter's checkError). */
    private IOException failure;

    StandardOutput(OutputStream out) {
        super(out);
    }

    /** The first write that failed, or null. */
    IOException failure() {
        return failure;
    }

    private WriteFailed failed(IOException e) {
        failure = failure == null ? e : failure;
        return new WriteFailed(e);
    }

    /** The stream written to, to ask whether it is a terminal. */
    OutputStream underlying() {
        return out;
    }

    /** Whether this is the process's own standard output (tests write to a byte array). */
    static boolean isProcessStdout(OutputStream stream) {
        OutputStream inner = stream instanceof StandardOutput standard ? standard.out : stream;
        try {
            return inner instanceof java.io.FileOutputStream file && file.getFD() == java.io.FileDescriptor.out;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }
}
