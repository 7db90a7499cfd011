package vmtool.watch;

import java.util.ArrayList;
import java.util.List;

import vmtool.diff.Diff;
import vmtool.diff.DiffRenderers;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.terminal.Ansi;
import vmtool.terminal.Screen;
import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;
import vmtool.anatomy.Sizes;
import vmtool.export.Columns;

/**
 * A {@link WatchFrame} as text: a title line, the table of kinds, the mappings that appeared and vanished. On a
 * terminal the frame fits the screen, so that it is redrawn in place and its title never scrolls away: at most one
 * line less than the screen is tall (the lists cut to {@link #TERMINAL_LIST_LIMIT} lines each, then to what is
 * left, then the kinds), each line one column less than it is wide (the change columns left out as it narrows, the
 * size's first; names cut). Colour only there, and only without NO_COLOR. Elsewhere every line is written whole.
 */
public final class WatchRenderer {
    /** At most this many appeared (and vanished) mappings on a terminal; the rest are counted. */
    static final int TERMINAL_LIST_LIMIT = 10;

    private static final String[] HEADERS = {"KIND", "MAPPINGS", "SIZE_KB", "SINCE_START", "SINCE_LAST", "RSS_KB",
        "SINCE_START", "SINCE_LAST"};
    /** Left out as the terminal narrows: the size's changes, the mapping count, then the Rss change since the last. */
    private static final int[] DROP_ORDER = {4, 3, 1, 7};

    private final boolean colour;

    /** @param colour whether to colour the frame (on a terminal without NO_COLOR) */
    public WatchRenderer(boolean colour) {
        this.colour = colour;
    }

    /**
     * @param title  the frame's first line: the time, the process, which refresh
     * @param screen the terminal's size now, which the frame fits; null when the output is no terminal
     */
    public String render(String title, WatchFrame frame, Screen screen) {
        int columns = screen == null ? Integer.MAX_VALUE : screen.inPlaceColumns();
        int lines = screen == null ? Integer.MAX_VALUE : screen.rows() - 1;
        StringBuilder out = new StringBuilder(2048);
        out.append(Ansi.style(TextWidth.keepStart(title, columns), Ansi.BOLD, colour)).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (WatchFrame.Row row : frame.rows()) {
            rows.add(cells(row.kind().id(), row));
        }
        rows.add(cells("total", frame.total()));
        boolean[] kept = TableFit.kept(Columns.widths(rows), DROP_ORDER, columns);
        List<String[]> table = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            table.add(TableFit.project(row, kept));
        }
        // Title, header and total stay; kinds that do not fit are counted on a line of their own.
        int kindsShown = Math.min(frame.rows().size(), Math.max(0, lines - 3));
        if (kindsShown < frame.rows().size()) {
            kindsShown = Math.max(0, kindsShown - 1);
            String[] total = table.get(table.size() - 1);
            table = new ArrayList<>(table.subList(0, 1 + kindsShown));
            table.add(total);
        }
        int[] widths = Columns.widths(table);
        Columns.append(table.subList(0, table.size() - 1), widths, out);
        if (kindsShown < frame.rows().size()) {
            out.append(TextWidth.keepStart("... and " + (frame.rows().size() - kindsShown)
                    + " more kinds (a taller terminal shows them)", columns)).append('\n');
        }
        Columns.append(table.subList(table.size() - 1, table.size()), widths, out);
        int left = lines - 1 - table.size() - (kindsShown < frame.rows().size() ? 1 : 0);
        int forAppeared = frame.vanished().isEmpty() ? left : left - 1;
        left -= list("appeared since the last refresh", "+", Ansi.GREEN, frame.appeared(), forAppeared, columns,
                screen != null, out);
        list("vanished since the last refresh", "-", Ansi.RED, frame.vanished(), left, columns, screen != null, out);
        return out.toString();
    }

    private static String[] cells(String name, WatchFrame.Row row) {
        return new String[] {name, Integer.toString(row.mappings()), Long.toString(row.sizeKb()),
            DiffRenderers.signed(row.sizeSinceStart()), DiffRenderers.signed(row.sizeSinceLast()), Long.toString(row.rssKb()),
            DiffRenderers.signed(row.rssSinceStart()), DiffRenderers.signed(row.rssSinceLast())};
    }

    /**
     * Writes a list in at most {@code lines} lines (its title, the mappings, how many more), each at most
     * {@code columns} wide; on a terminal at most {@link #TERMINAL_LIST_LIMIT} mappings. Returns the lines written.
     */
    private int list(String title, String mark, String sgr, List<Diff.Entry> entries, int lines, int columns,
                     boolean terminal, StringBuilder out) {
        if (entries.isEmpty() || lines < 1) {
            return 0;
        }
        out.append(TextWidth.keepStart(title + ": " + entries.size(), columns)).append('\n');
        int shown = entries.size();
        if (terminal && (shown > TERMINAL_LIST_LIMIT || 1 + shown > lines)) {
            // One line for "... and N more".
            shown = Math.max(0, Math.min(TERMINAL_LIST_LIMIT, lines - 2));
        }
        for (int i = 0; i < shown; i++) {
            Diff.Entry entry = entries.get(i);
            Mapping mapping = entry.region().mapping();
            String line = mark + " " + Sizes.range(mapping.start(), mapping.end()) + " " + mapping.perms().text()
                    + " " + entry.region().kind().id() + "  " + entry.values().sizeKb() + " kB, Rss "
                    + entry.values().rssKb() + " kB";
            if (!mapping.name().isEmpty()) {
                // The name's end says the most (the file's name); the line's start stays whole where it can.
                line += "  " + TextWidth.keepEnd(ByteText.shown(mapping.name()),
                        Math.max(8, columns - 2 - TextWidth.columns(line) - 2));
            }
            out.append("  ").append(Ansi.style(TextWidth.keepStart(line, columns - 2), sgr, colour)).append('\n');
        }
        if (shown < entries.size() && lines >= 2) {
            out.append(TextWidth.keepStart("  ... and " + (entries.size() - shown) + " more", columns)).append('\n');
            return shown + 2;
        }
        return shown + 1;
    }
}
