package vmtool.pmap;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a renderer writes: a builder of byte text (one char per byte, as the kernel wrote names) that is emptied
 * into the output every 64 KB, so that a table of 60,000 rows is never held whole (docs/performance.md: peak RSS).
 */
final class TextSink {
    private static final int FLUSH_AT = 1 << 16;

    private final StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
    private final OutputStream out;
    private final byte[] bytes = new byte[FLUSH_AT + 4096];

    TextSink(OutputStream out) {
        this.out = out;
    }

    /** The builder to append to. */
    StringBuilder text() {
        return text;
    }

    /** Called after each row: writes out what has gathered once there is enough of it. */
    void endRow() throws IOException {
        if (text.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes out everything gathered. */
    void flush() throws IOException {
        int length = text.length();
        byte[] buffer = length <= bytes.length ? bytes : new byte[length];
        for (int i = 0; i < length; i++) {
            buffer[i] = (byte) text.charAt(i);
        }
        out.write(buffer, 0, length);
        text.setLength(0);
    }

    /** Appends a whole text (a header line) as it is. */
    void append(String byteText) throws IOException {
        text.append(byteText);
        endRow();
    }
}
