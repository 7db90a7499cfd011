package vmtool.model;

import java.nio.charset.StandardCharsets;

/**
 * Text that the target wrote (mapping names, comm, thread names, command lines, a saved file's lines) is kept as the
 * kernel's bytes, one char per byte ("byte text"): pmap prints it back unchanged. This is the one place that reads
 * those bytes as text, in two ways:
 * <ul>
 * <li>{@link #utf8OrNull}: exactly, for JSON (and its reader, {@link #fromUnicode}); bytes that are not UTF-8 have
 * no such reading, and JSON carries them as base64 (docs/json.md);</li>
 * <li>{@link #shown}: for people, on a terminal or in an error message: valid UTF-8 decoded, and every byte that is
 * not part of valid UTF-8, and every character that would act on a terminal rather than show (C0 controls, DEL,
 * C1 controls, the bidirectional overrides and isolates, the line and paragraph separators), written as
 * {@code \xHH} for each of its bytes. docs/anatomy.md, "Names that are not UTF-8 or hold control characters",
 * documents it; what is shown cannot move the cursor, change colours or reorder the line.</li>
 * </ul>
 * A backslash is not escaped: the shown text is for reading, not for reading back (the kernel itself writes a newline
 * in a path as {@code \012} and a backslash as it is); JSON and CSV keep the exact bytes.
 */
public final class ByteText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ByteText() {
    }

    /** Whether every char is ASCII: then the byte text and its UTF-8 reading are the same string. */
    public static boolean isAscii(String byteText) {
        for (int i = 0; i < byteText.length(); i++) {
            if (byteText.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The byte text read as UTF-8, or null when its bytes are not valid UTF-8. */
    public static String utf8OrNull(String byteText) {
        if (isAscii(byteText)) {
            return byteText;
        }
        StringBuilder text = new StringBuilder(byteText.length());
        for (int i = 0; i < byteText.length(); ) {
            int length = sequenceLength(byteText, i);
            if (length == 0) {
                return null;
            }
            text.appendCodePoint(codePoint(byteText, i, length));
            i += length;
        }
        return text.toString();
    }

    /** Unicode text (as read from JSON) back to byte text: its UTF-8 bytes, one char per byte. */
    public static String fromUnicode(String text) {
        return isAscii(text) ? text : new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    public static String fromBytes(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String byteText) {
        return byteText.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Byte text as people may be shown it: valid UTF-8 decoded; a byte outside valid UTF-8, and each byte of a
     * character that acts on a terminal ({@link #actsOnTerminal}), as {@code \xHH}. A char above 0xff is no byte;
     * should one come (text decoded elsewhere), it is taken as the character it is.
     */
    public static String shown(String byteText) {
        int plain = 0;
        while (plain < byteText.length() && printableAscii(byteText.charAt(plain))) {
            plain++;
        }
        if (plain == byteText.length()) {
            return byteText;
        }
        StringBuilder shown = new StringBuilder(byteText.length() + 16).append(byteText, 0, plain);
        for (int i = plain; i < byteText.length(); ) {
            char c = byteText.charAt(i);
            if (c > 0xff) {
                int codePoint = byteText.codePointAt(i);
                if (codePoint == c && Character.isSurrogate(c)) {
                    shown.append('\ufffd'); // half of a pair: no character at all
                } else if (actsOnTerminal(codePoint)) {
                    escape(fromUnicode(Character.toString(codePoint)), shown);
                } else {
                    shown.appendCodePoint(codePoint);
                }
                i += Character.charCount(codePoint);
                continue;
            }
            int length = sequenceLength(byteText, i);
            if (length == 0) {
                escape(c, shown);
                i++;
                continue;
            }
            int codePoint = codePoint(byteText, i, length);
            if (actsOnTerminal(codePoint)) {
                escape(byteText.substring(i, i + length), shown);
            } else {
                shown.appendCodePoint(codePoint);
            }
            i += length;
        }
        return shown.toString();
    }

    /**
     * Unicode text that holds what the target wrote (a message built around it) as people may be shown it: each
     * character that acts on a terminal as {@code \xHH} for each of its UTF-8 bytes, as {@link #shown} writes it.
     */
    public static String shownUnicode(String text) {
        return shown(fromUnicode(text));
    }

    /**
     * Whether a character acts on a terminal or on the order in which a line is shown, rather than showing: a C0
     * control (tab and newline too: a name must not break a line or a column), DEL, a C1 control, a bidirectional
     * mark, embedding, override or isolate, or the line and paragraph separators.
     */
    static boolean actsOnTerminal(int codePoint) {
        return codePoint < 0x20 || codePoint >= 0x7f && codePoint < 0xa0
                || codePoint == 0x061c || codePoint == 0x200e || codePoint == 0x200f
                || codePoint >= 0x2028 && codePoint <= 0x202e || codePoint >= 0x2066 && codePoint <= 0x2069;
    }

    private static boolean printableAscii(char c) {
        return c >= 0x20 && c < 0x7f;
    }

    private static void escape(String bytes, StringBuilder out) {
        for (int i = 0; i < bytes.length(); i++) {
            escape(bytes.charAt(i), out);
        }
    }

    private static void escape(char b, StringBuilder out) {
        out.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /**
     * The length of the well-formed UTF-8 sequence that starts at {@code i} (Unicode's table 3-7: no overlong form,
     * no surrogate, nothing above U+10FFFF), or 0 when none starts there.
     */
    private static int sequenceLength(String bytes, int i) {
        int first = bytes.charAt(i);
        if (first < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80;
        int high = 0xbf;
        if (first >= 0xc2 && first <= 0xdf) {
            length = 2;
        } else if (first >= 0xe0 && first <= 0xef) {
            length = 3;
            low = first == 0xe0 ? 0xa0 : 0x80;
            high = first == 0xed ? 0x9f : 0xbf;
        } else if (first >= 0xf0 && first <= 0xf4) {
            length = 4;
            low = first == 0xf0 ? 0x90 : 0x80;
            high = first == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + length > bytes.length()) {
            return 0;
        }
        int second = bytes.charAt(i + 1);
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int next = bytes.charAt(i + k);
            if (next < 0x80 || next > 0xbf) {
                return 0;
            }
        }
        return length;
    }

    private static int codePoint(String bytes, int i, int length) {
        int first = bytes.charAt(i);
        if (length == 1) {
            return first;
        }
        int codePoint = first & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            codePoint = codePoint << 6 | bytes.charAt(i + k) & 0x3f;
        }
        return codePoint;
    }
}
