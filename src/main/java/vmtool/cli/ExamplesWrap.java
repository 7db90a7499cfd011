package vmtool.cli;

import java.util.List;

import vmtool.terminal.TextWidth;

/**
 * The examples that end --help ({@code "  vmtool ARGS   what it does"}), fitted to the help's width: an example
 * wider than it keeps its command whole on one line and puts what it does on the next, indented, wrapped between
 * words. picocli would break the line anywhere and go on at the first column, mixing the command with the prose.
 */
final class ExamplesWrap {
    private static final String INDENT = "      ";

    private ExamplesWrap() {
    }

    /** The examples' lines as help prints them at {@code width} columns, each ending in a line break. */
    static String wrap(List<String> examples, int width) {
        StringBuilder out = new StringBuilder();
        for (String example : examples) {
            int gap = example.indexOf("  ", 2);
            if (example.length() <= width || gap < 0 || example.isBlank()) {
                out.append(example).append('\n');
                continue;
            }
            out.append(example, 0, gap).append('\n');
            for (String line : TextWidth.wrap(INDENT + example.substring(gap).strip(), width, INDENT)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
