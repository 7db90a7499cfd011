package vmtool.pmap;

import vmtool.model.Permissions;

/** Fixed-width pieces of printf formats, appended to a builder. */
final class Text {
    private Text() {
    }

    /** {@code %*s}: right-aligned in at least {@code width}. */
    static StringBuilder right(StringBuilder out, String text, int width) {
        pad(out, width - text.length());
        return out.append(text);
    }

    /** {@code %-*s}: left-aligned in at least {@code width}. */
    static StringBuilder left(StringBuilder out, String text, int width) {
        out.append(text);
        pad(out, width - text.length());
        return out;
    }

    /** {@code %0*lx}: unsigned hex, zero-padded to {@code width}. */
    static StringBuilder hex(StringBuilder out, long value, int width) {
        String hex = Long.toHexString(value);
        for (int i = hex.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(hex);
    }

    /** {@code %*lu}: an unsigned decimal right-aligned in {@code width}. */
    static StringBuilder number(StringBuilder out, long value, int width) {
        if (value < 0) {
            return right(out, Long.toUnsignedString(value), width);
        }
        // Appending the long itself makes no String: this runs once per cell of a table of 60,000 rows.
        pad(out, width - digits(value));
        return out.append(value);
    }

    /** The number of decimal digits of an unsigned value (1 for 0). */
    static int digits(long value) {
        if (value < 0) {
            return Long.toUnsignedString(value).length();
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static final String SPACES = " ".repeat(64);

    static StringBuilder repeat(StringBuilder out, char c, int count) {
        if (c == ' ') {
            for (int left = count; left > 0; left -= SPACES.length()) {
                out.append(SPACES, 0, Math.min(left, SPACES.length()));
            }
            return out;
        }
        for (int i = 0; i < count; i++) {
            out.append(c);
        }
        return out;
    }

    private static void pad(StringBuilder out, int count) {
        repeat(out, ' ', count);
    }

    /** The five-letter mode of the maps modes: {@code p} becomes {@code -}, and a fifth {@code -} follows. */
    static StringBuilder mode(StringBuilder out, Permissions perms) {
        String text = perms.text();
        return out.append(text, 0, 3).append(perms.shared() ? "s-" : "--");
    }
}
