package vmtool.map;

import java.io.IOException;

/**
 * Escaping for the HTML and SVG outputs, and cutting text to fit; names come here as people are shown them
 * ({@link vmtool.model.ByteText#shown}).
 */
final class Text {
    private Text() {
    }

    /**
     * A JSON string, safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} are escaped, so that
     * no name can close the element, as are the line separators that old parsers take for line ends.
     */
    static void json(Appendable out, String value) throws IOException {
        out.append('"');
        int clean = 0;
        while (clean < value.length() && plain(value.charAt(clean))) {
            clean++;
        }
        // Most values need no escape at all: copied in one piece.
        out.append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A char that JSON text carries as it is (printable ASCII but the three escaped ones). */
    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
    }

    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    private static void unicodeEscape(Appendable out, char c) throws IOException {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            out.append('0');
        }
        out.append(hex);
    }

    /** Text for XML (SVG) content and attribute values; characters XML 1.0 forbids become U+FFFD. */
    static void xml(Appendable out, String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0xfffe
                            && (!Character.isSurrogate(c) || validSurrogate(value, i));
                    out.append(allowed ? c : '\ufffd');
                }
            }
        }
    }
}
