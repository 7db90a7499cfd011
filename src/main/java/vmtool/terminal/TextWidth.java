package vmtool.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Text measured and cut in terminal columns, counted as code points: one column each (an {@code é} is one, never
 * cut inside a surrogate pair). East Asian wide characters, which take two, are not told apart: names that hold them
 * may overrun by a few columns.
 */
public final class TextWidth {
    private static final String ELLIPSIS = "\u2026";

    private TextWidth() {
    }

    /** The columns {@code text} takes. */
    public static int columns(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * At most {@code columns} of {@code text}: its start, and an ellipsis for the rest (a command line, whose program
     * comes first).
     */
    public static String keepStart(String text, int columns) {
        if (columns(text) <= columns) {
            return text;
        }
        if (columns <= 0) {
            return "";
        }
        return text.substring(0, text.offsetByCodePoints(0, columns - 1)) + ELLIPSIS;
    }

    /** At most {@code columns} of {@code text}: an ellipsis, then its end (a path, whose file name ends it). */
    public static String keepEnd(String text, int columns) {
        int count = columns(text);
        if (count <= columns) {
            return text;
        }
        if (columns <= 0) {
            return "";
        }
        return ELLIPSIS + text.substring(text.offsetByCodePoints(0, count - columns + 1));
    }

    /**
     * {@code text} broken into lines of at most {@code columns}, between words where it can be; a word longer than
     * a line is cut. The first line keeps the text's indentation; no line ends in a blank.
     */
    public static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        String rest = text.stripTrailing();
        int indent = rest.length() - rest.stripLeading().length();
        while (columns(rest) > columns) {
            int limit = rest.offsetByCodePoints(0, columns);
            int blank = rest.lastIndexOf(' ', limit);
            int end = blank > indent ? blank : limit;
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
            indent = 0;
        }
        lines.add(rest);
        return lines;
    }

    /**
     * {@code text} as lines of at most {@code columns}, broken between words; the lines after the first begin with
     * {@code indent} (a continuation), and are as wide.
     */
    public static List<String> wrap(String text, int columns, String indent) {
        List<String> first = wrap(text, columns);
        if (first.size() == 1) {
            return first;
        }
        String rest = text.stripTrailing().substring(first.get(0).length()).strip();
        List<String> lines = new ArrayList<>();
        lines.add(first.get(0));
        for (String line : wrap(rest, columns - columns(indent))) {
            lines.add(indent + line);
        }
        return lines;
    }
}
