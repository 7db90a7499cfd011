package vmtool.cli;

import java.util.ArrayList;
import java.util.List;

import vmtool.terminal.TextWidth;

/**
 * The examples that end --help and the man pages ({@code "  vmtool ARGS   what it does"}), fitted to the width:
 * an example wider than it keeps its command whole on one line and puts what it does on the next, indented, wrapped
 * between words. picocli would break the line anywhere and go on at the first column, mixing command and prose.
 */
final class ExamplesWrap {
    private static final String INDENT = "      ";

    private ExamplesWrap() {
    }

    /** The examples' lines as help prints them at {@code width} columns, each ending in a line break. */
    static String wrap(List<String> examples, int width) {
        StringBuilder out = new StringBuilder();
        for (String example : examples) {
            String[] parts = split(example);
            if (example.length() <= width || parts.length == 1) {
                out.append(example).append('\n');
                continue;
            }
            out.append(parts[0]).append('\n');
            for (String line : TextWidth.wrap(parts[1], width, INDENT)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Each example as two lines, the command and what it does: the man page indents its examples by 11 columns, so
     * there they never share a line (GeneratedDocsIT holds the pages to 80 columns).
     */
    static List<String> onTwoLines(List<String> examples) {
        List<String> lines = new ArrayList<>();
        for (String example : examples) {
            lines.addAll(List.of(split(example)));
        }
        return lines;
    }

    /** The command and what it does (indented), or the line alone when it has no run of blanks after its start. */
    private static String[] split(String example) {
        int gap = example.indexOf("  ", 2);
        return gap < 0 || example.isBlank() ? new String[] {example}
                : new String[] {example.substring(0, gap), INDENT + example.substring(gap).strip()};
    }
}
