package vmtool.pmap;

import vmtool.model.Permissions;

/** Fixed-width pieces of printf formats, appended to a sink. */
final class Text {
    private Text() {
    }

    /** {@code %*s}: right-aligned in at least {@code width}. */
    static TextSink right(TextSink out, String text, int width) {
        return out.repeat(' ', width - text.length()).append(text);
    }

    /** {@code %-*s}: left-aligned in at least {@code width}. */
    static TextSink left(TextSink out, String text, int width) {
        return out.append(text).repeat(' ', width - text.length());
    }

    /** {@code %0*lx}: unsigned hex, zero-padded to {@code width}. */
    static TextSink hex(TextSink out, long value, int width) {
        int digits = hexDigits(value);
        return out.repeat('0', width - digits).hex(value, digits);
    }

    /** {@code %*s} of {@code %08lx}: unsigned hex, at least 8 digits, right-aligned in at least {@code width}. */
    static TextSink rightHex8(TextSink out, long value, int width) {
        return hex(out.repeat(' ', width - hex8Length(value)), value, 8);
    }

    /** The length of {@code %08lx} of a value. */
    static int hex8Length(long value) {
        return Math.max(8, hexDigits(value));
    }

    private static int hexDigits(long value) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
    }

    /** {@code %*lu}: an unsigned decimal right-aligned in {@code width}. */
    static TextSink number(TextSink out, long value, int width) {
        if (value < 0) {
            return right(out, Long.toUnsignedString(value), width);
        }
        int digits = digits(value);
        return out.repeat(' ', width - digits).decimal(value, digits);
    }

    /** The number of decimal digits of an unsigned value (1 for 0). */
    static int digits(long value) {
        if (value < 0) {
            return Long.toUnsignedString(value).length();
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    /** The five-letter mode of the maps modes: {@code p} becomes {@code -}, and a fifth {@code -} follows. */
    static TextSink mode(TextSink out, Permissions perms) {
        return out.append(perms.text(), 0, 3).append(perms.shared() ? "s-" : "--");
    }
}
