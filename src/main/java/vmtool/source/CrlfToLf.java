package vmtool.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A text with CRLF line ends read as the same text with LF ends: each CR that a LF follows is dropped, any other CR
 * kept (a file name may end in one: the kernel writes it as it is). A byte at a time, over a buffered stream: only
 * a file saved with CRLF ends comes this way.
 */
final class CrlfToLf extends FilterInputStream {
    private static final int NONE = -2;
    /** The byte read after a CR that was not a LF (-1 for the end), to be returned next; else NONE. */
    private int lookahead = NONE;

    CrlfToLf(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = lookahead != NONE ? lookahead : in.read();
        lookahead = NONE;
        if (b == '\r') {
            int next = in.read();
            if (next == '\n') {
                return next;
            }
            lookahead = next;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            int b = read();
            if (b < 0) {
                return i == 0 ? -1 : i;
            }
            buffer[offset + i] = (byte) b;
        }
        return length;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
