package vmtool.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a command's synopsis between its bracketed groups, never inside one: picocli breaks a long synopsis at any
 * blank, so {@code [-C FILE]} could end one line and begin the next as {@code [-C} and {@code FILE]}, which no one
 * can type as shown. The continuation lines keep picocli's indent (under the first option).
 */
final class SynopsisWrap {
    private static final char ESC = '\u001b';

    private SynopsisWrap() {
    }

    /**
     * The synopsis picocli made ({@code text}, one or more lines, a line break at its end), re-wrapped to
     * {@code width} columns between groups; its first line starts at {@code firstColumn} (after "Usage: ").
     */
    static String wrap(String text, int firstColumn, int width) {
        String[] lines = text.split("\n");
        if (lines.length == 0) {
            return text;
        }
        int indent = 0;
        if (lines.length > 1) {
            while (indent < lines[1].length() && lines[1].charAt(indent) == ' ') {
                indent++;
            }
        }
        StringBuilder joined = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            joined.append(' ').append(lines[i].strip());
        }
        List<String> words = groups(joined.toString());
        StringBuilder out = new StringBuilder();
        int column = firstColumn;
        boolean lineStart = true;
        for (String word : words) {
            int visible = visibleLength(word);
            if (!lineStart && column + 1 + visible > width) {
                out.append('\n').append(" ".repeat(indent));
                column = indent;
            } else if (!lineStart) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += visible;
            lineStart = false;
        }
        return out.append('\n').toString();
    }

    /** The text split at blanks outside brackets (ANSI escape sequences, whose '[' opens nothing, skipped). */
    private static List<String> groups(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESC) {
                int end = i + 1;
                while (end < text.length() && !Character.isLetter(text.charAt(end))) {
                    end++;
                }
                word.append(text, i, Math.min(text.length(), end + 1));
                i = end;
                continue;
            }
            if (c == ' ' && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            }
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Columns a word takes on screen: its characters less its escape sequences. */
    private static int visibleLength(String word) {
        int length = 0;
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) == ESC) {
                while (i < word.length() && !Character.isLetter(word.charAt(i))) {
                    i++;
                }
                continue;
            }
            length++;
        }
        return length;
    }
}
