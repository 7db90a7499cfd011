package vmtool.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A Writer that encodes UTF-8 into its own 64 KiB buffer: what {@code BufferedWriter} over {@code OutputStreamWriter}
 * does, for JSON that is nearly all ASCII, without a CharsetEncoder call and a char buffer per write. A snapshot of
 * 60,000 mappings is 35 MB written a few chars at a time by Gson, and that chain was half of {@code pmap --json}'s
 * time. A lone surrogate is written as {@code ?}, as the JDK's encoder writes it.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] bytes = new byte[1 << 16];
    private int length;
    /** A high surrogate waiting for its low half, or -1. */
    private int pendingHigh = -1;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (c < 0x80 && pendingHigh < 0) {
            if (length == bytes.length) {
                drain();
            }
            bytes[length++] = (byte) c;
        } else {
            put((char) c);
        }
    }

    @Override
    public void write(String text, int offset, int count) throws IOException {
        int at = offset;
        int end = offset + count;
        while (at < end) {
            int ascii = asciiRun(text, at, end);
            if (ascii > at) {
                copyAscii(text, at, ascii);
                at = ascii;
            } else {
                put(text.charAt(at++));
            }
        }
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            write(chars[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** The end of the run of ASCII chars from {@code from} (none while a surrogate waits). */
    private int asciiRun(String text, int from, int to) {
        if (pendingHigh >= 0) {
            return from;
        }
        int i = from;
        while (i < to && text.charAt(i) < 0x80) {
            i++;
        }
        return i;
    }

    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): each char's low 8 bits: for ASCII, UTF-8
    private void copyAscii(String text, int from, int to) throws IOException {
        int at = from;
        while (at < to) {
            if (length == bytes.length) {
                drain();
            }
            int chunk = Math.min(to - at, bytes.length - length);
            text.getBytes(at, at + chunk, bytes, length);
            length += chunk;
            at += chunk;
        }
    }

    private void put(char c) throws IOException {
        if (pendingHigh >= 0) {
            char high = (char) pendingHigh;
            pendingHigh = -1;
            if (Character.isLowSurrogate(c)) {
                encode(Character.toCodePoint(high, c));
                return;
            }
            encode('?');
        }
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            encode('?');
        } else {
            encode(c);
        }
    }

    private void encode(int codePoint) throws IOException {
        if (length + 4 > bytes.length) {
            drain();
        }
        if (codePoint < 0x80) {
            bytes[length++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            bytes[length++] = (byte) (0xc0 | codePoint >> 6);
            bytes[length++] = (byte) (0x80 | codePoint & 0x3f);
        } else if (codePoint < 0x10000) {
            bytes[length++] = (byte) (0xe0 | codePoint >> 12);
            bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
            bytes[length++] = (byte) (0x80 | codePoint & 0x3f);
        } else {
            bytes[length++] = (byte) (0xf0 | codePoint >> 18);
            bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
            bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
            bytes[length++] = (byte) (0x80 | codePoint & 0x3f);
        }
    }

    private void drain() throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }
}
