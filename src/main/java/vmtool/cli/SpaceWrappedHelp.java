package vmtool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;

import vmtool.terminal.TextWidth;

/**
 * picocli's help, with its text broken between words only. picocli breaks lines where {@code BreakIterator} allows,
 * which is also after a {@code .}, a {@code /} or a {@code -} inside a word: {@code ~/.} then {@code pmaprc},
 * {@code docs/json.} then {@code md}, {@code --read-rc-} then {@code from}, with nothing to say the word goes on.
 * Here the description, the options' and operands' texts and the exit statuses are broken at blanks, as every other
 * human output of vmtool is ({@link TextWidth#wrap}); the layout (columns, indents) stays picocli's.
 */
final class SpaceWrappedHelp extends Help {
    /** Makes this help for every command of the command line. A class, not a lambda: no lambda in help. */
    static final class Factory implements CommandLine.IHelpFactory {
        @Override
        public Help create(CommandSpec spec, ColorScheme colorScheme) {
            return new SpaceWrappedHelp(spec, colorScheme);
        }
    }

    SpaceWrappedHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    @Override
    public String description(Object... params) {
        int columns = commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String paragraph : commandSpec().usageMessage().description()) {
            for (String line : String.format(paragraph, params).split("\\R", -1)) {
                for (String part : wrap(line, columns, columns)) {
                    out.append(part).append(System.lineSeparator());
                }
            }
        }
        return out.toString();
    }

    @Override
    public Layout createDefaultLayout() {
        Layout layout = super.createDefaultLayout();
        return new Layout(colorScheme(), Table.like(layout.textTable(), colorScheme()), layout.optionRenderer(),
                layout.parameterRenderer());
    }

    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        // picocli's columns for these keys, filled again here.
        TextTable table = Table.like(super.createTextTable(map), colorScheme());
        if (map != null) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                table.addRowValues(colorScheme().text(String.valueOf(entry.getKey())),
                        colorScheme().text(String.valueOf(entry.getValue())));
            }
        }
        return table;
    }

    /** A picocli table whose wrapping columns break between words. */
    private static final class Table extends TextTable {
        private final ColorScheme colorScheme;

        private Table(ColorScheme colorScheme, Column[] columns) {
            super(colorScheme, columns);
            this.colorScheme = colorScheme;
        }

        /** An empty table with the columns of {@code table}. */
        static TextTable like(TextTable table, ColorScheme colorScheme) {
            Column[] columns = table.columns();
            Column[] copies = new Column[columns.length];
            for (int i = 0; i < columns.length; i++) {
                copies[i] = new Column(columns[i].width, columns[i].indent, columns[i].overflow);
            }
            Table copy = new Table(colorScheme, copies);
            copy.indentWrappedLines = table.indentWrappedLines;
            copy.setAdjustLineBreaksForWideCJKCharacters(table.isAdjustLineBreaksForWideCJKCharacters());
            return copy;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (value == null || column.overflow != Column.Overflow.WRAP
                    || TextWidth.columns(value.plainString()) <= column.width - column.indent) {
                return super.putValue(row, col, value);
            }
            int columns = column.width - column.indent;
            List<String> lines = wrap(value.plainString(), columns, columns - indentWrappedLines);
            Cell cell = super.putValue(row, col, colorScheme.text(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                addEmptyRow();
                cell = super.putValue(rowCount() - 1, col, colorScheme.text(" ".repeat(indentWrappedLines) + line));
            }
            return cell;
        }
    }

    /**
     * {@code text} broken between words as picocli lays it out: the first line at most {@code first} columns, the
     * others at most {@code others}, and a line that another follows leaves room for the blank after its last word.
     */
    static List<String> wrap(String text, int first, int others) {
        List<String> lines = new ArrayList<>();
        String rest = text.stripTrailing();
        int columns = first;
        while (TextWidth.columns(rest) > columns) {
            String line = TextWidth.wrap(rest, columns - 1).get(0);
            lines.add(line);
            rest = rest.substring(line.length()).strip();
            columns = others;
        }
        lines.add(rest);
        return lines;
    }
}
