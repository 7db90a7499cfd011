package vmtool.pages;

import java.util.Arrays;

/**
 * Numbers appended as unsigned LEB128 bytes (7 bits a byte, low first: a count under 128 is one byte), in chunks of
 * 64 KiB that are never copied as they fill: how {@link PackedPages} and {@link PackedRuns} hold a process's
 * counts and runs compactly. The first chunk grows from 256 bytes, for the many small ones. Appended to by one
 * builder, then only read.
 */
final class ByteChunks {
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private byte[][] chunks = new byte[1][];
    private int length;

    /** Where the next number goes: a position for {@link #reader}. */
    int length() {
        return length;
    }

    /** Appends {@code number}, read as unsigned. */
    void put(long number) {
        long rest = number;
        while (true) {
            int chunk = length >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, 2 * chunks.length);
            }
            byte[] bytes = chunks[chunk];
            int at = length & (CHUNK - 1);
            if (bytes == null || at == bytes.length) {
                bytes = chunk > 0 ? new byte[CHUNK] : bytes == null ? new byte[256]
                        : Arrays.copyOf(bytes, Math.min(CHUNK, 4 * bytes.length));
                chunks[chunk] = bytes;
            }
            length++;
            if ((rest & ~0x7fL) == 0) {
                bytes[at] = (byte) rest;
                return;
            }
            bytes[at] = (byte) (rest & 0x7f | 0x80);
            rest >>>= 7;
        }
    }

    /** The numbers in order from position {@code at}. */
    Reader reader(int at) {
        return new Reader(at);
    }

    final class Reader {
        private int at;

        private Reader(int at) {
            this.at = at;
        }

        long next() {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                b = chunks[at >>> CHUNK_BITS][at & (CHUNK - 1)];
                at++;
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }
    }
}
