package vmtool.pmap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a renderer writes: byte text (one byte per char, as the kernel wrote names), emptied into the output every
 * 64 KB, so that a table of 60,000 rows is never held whole (docs/performance.md: peak RSS). Numbers are written
 * straight into the bytes: a 60,000-row {@code -X} has over a million of them, and a small pmap runs mostly in the
 * interpreter, where each String made or char appended one at a time shows.
 */
final class TextSink {
    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream out;
    private byte[] bytes = new byte[FLUSH_AT + 8192];
    private int length;

    TextSink(OutputStream out) {
        this.out = out;
    }

    TextSink append(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    TextSink append(String text) {
        return append(text, 0, text.length());
    }

    /** Appends chars {@code from} to {@code to} of a byte text (each char's low 8 bits, as the kernel's bytes). */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly that, and one array copy
    TextSink append(String text, int from, int to) {
        int count = to - from;
        room(count);
        text.getBytes(from, to, bytes, length);
        length += count;
        return this;
    }

    /** Appends {@code count} copies of {@code c} (none when count is 0 or less). */
    TextSink repeat(char c, int count) {
        if (count > 0) {
            room(count);
            Arrays.fill(bytes, length, length + count, (byte) c);
            length += count;
        }
        return this;
    }

    /** Appends a non-negative value in decimal, as its {@code digits} digits. */
    TextSink decimal(long value, int digits) {
        room(digits);
        int at = length + digits;
        if (value <= Integer.MAX_VALUE) {
            int rest = (int) value;
            do {
                bytes[--at] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest != 0);
        } else {
            long rest = value;
            do {
                bytes[--at] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest != 0);
        }
        length += digits;
        return this;
    }

    /**
     * Appends the number columns of a detail row: for each column a blank, then {@code %*lu} of its value, right-aligned
     * in the column's width. {@code blanks} is the whole block blank, and {@code ends[c]} the offset in it of column
     * {@code c}'s last char; columns from {@code count} on stay blank. The block is copied in at once and only the
     * digits are written: the first rows of a small pmap are printed in the interpreter, where a call or a loop turn
     * per blank cost more than the digits.
     */
    TextSink numberColumns(byte[] blanks, int[] ends, int[] widths, long[] values, int count) {
        int start = length;
        room(blanks.length);
        System.arraycopy(blanks, 0, bytes, start, blanks.length);
        for (int c = 0; c < count; c++) {
            long rest = values[c];
            int at = start + ends[c];
            int left = at - widths[c];
            if (rest < 0) {
                return numberColumnsWidened(widths, values, count, start);
            }
            do {
                if (at == left) {
                    return numberColumnsWidened(widths, values, count, start);
                }
                bytes[at--] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest != 0);
        }
        length = start + blanks.length;
        return this;
    }

    /** The same columns, where a value is wider than its column (which widens it) or past 2^63: cell by cell. */
    private TextSink numberColumnsWidened(int[] widths, long[] values, int count, int start) {
        length = start;
        for (int c = 0; c < widths.length; c++) {
            append(' ');
            if (c < count) {
                Text.number(this, values[c], widths[c]);
            } else {
                repeat(' ', widths[c]);
            }
        }
        return this;
    }

    /** Appends a value in lowercase hex, as its {@code digits} least significant hex digits. */
    TextSink hex(long value, int digits) {
        room(digits);
        long rest = value;
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) HEX_DIGITS[(int) (rest & 0xf)];
            rest >>>= 4;
        }
        length += digits;
        return this;
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** Called after each row: writes out what has gathered once there is enough of it. */
    void endRow() throws IOException {
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes out everything gathered. */
    void flush() throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    /** What has gathered and is not written out yet, one char per byte. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void room(int count) {
        if (length + count > bytes.length) {
            // A row longer than the slack (a name of up to 4095 bytes, many VmFlags): grow, once, for this run.
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
    }
}
