package vmtool.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails once more than its limit has been read from it: a saved file is bounded, /dev/zero is not. */
final class BoundedInput extends FilterInputStream {
    private final long limit;
    private long count;

    BoundedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** More than the limit was read. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    /**
     * Nothing is promised without a read: java.io's file stream answers by seeking to the end, which a /proc file
     * refuses (EINVAL), and BufferedInputStream asks after every partial fill.
     */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }
}
