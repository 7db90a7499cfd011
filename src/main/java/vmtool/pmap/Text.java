package vmtool.pmap;

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
        return right(out, Long.toUnsignedString(value), width);
    }

    static StringBuilder repeat(StringBuilder out, char c, int count) {
        for (int i = 0; i < count; i++) {
            out.append(c);
        }
        return out;
    }

    private static void pad(StringBuilder out, int count) {
        repeat(out, ' ', count);
    }

    /** The five-letter mode of the maps modes: {@code p} becomes {@code -}, and a fifth {@code -} follows. */
    static String mode(String perms) {
        char[] mode = {'-', '-', '-', '-', '-'};
        for (int i = 0; i < Math.min(4, perms.length()); i++) {
            mode[i] = perms.charAt(i);
        }
        if (mode[3] == 'p') {
            mode[3] = '-';
        }
        return new String(mode);
    }
}
