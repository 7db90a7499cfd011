package vmtool.watch;

import java.util.ArrayList;
import java.util.List;

import vmtool.diff.Diff;
import vmtool.diff.DiffRenderers;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.terminal.Ansi;
import vmtool.anatomy.Sizes;
import vmtool.export.Columns;

/**
 * A {@link WatchFrame} as text: a title line, the table of kinds, the mappings that appeared and vanished. On a
 * terminal the title says how to stop and the lists are cut to {@link #TERMINAL_LIST_LIMIT} lines each, so the
 * frame stays on one screen; colour only there, and only without NO_COLOR.
 */
public final class WatchRenderer {
    /** At most this many appeared (and vanished) mappings on a terminal; the rest are counted. */
    static final int TERMINAL_LIST_LIMIT = 10;

    private static final String[] HEADERS = {"KIND", "MAPPINGS", "SIZE_KB", "SINCE_START", "SINCE_LAST", "RSS_KB",
        "SINCE_START", "SINCE_LAST"};

    private final boolean terminal;
    private final boolean colour;

    public WatchRenderer(boolean terminal, boolean colour) {
        this.terminal = terminal;
        this.colour = terminal && colour;
    }

    /**
     * @param title the frame's first line: the time, the process, which refresh
     */
    public String render(String title, WatchFrame frame) {
        StringBuilder out = new StringBuilder(2048);
        out.append(Ansi.style(title, Ansi.BOLD, colour)).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (WatchFrame.Row row : frame.rows()) {
            rows.add(cells(row.kind().id(), row));
        }
        rows.add(cells("total", frame.total()));
        Columns.append(rows, Columns.widths(rows), out);
        list("appeared since the last refresh", "+", Ansi.GREEN, frame.appeared(), out);
        list("vanished since the last refresh", "-", Ansi.RED, frame.vanished(), out);
        return out.toString();
    }

    private static String[] cells(String name, WatchFrame.Row row) {
        return new String[] {name, Integer.toString(row.mappings()), Long.toString(row.sizeKb()),
            DiffRenderers.signed(row.sizeSinceStart()), DiffRenderers.signed(row.sizeSinceLast()), Long.toString(row.rssKb()),
            DiffRenderers.signed(row.rssSinceStart()), DiffRenderers.signed(row.rssSinceLast())};
    }


    private void list(String title, String mark, String sgr, List<Diff.Entry> entries, StringBuilder out) {
        if (entries.isEmpty()) {
            return;
        }
        out.append(title).append(": ").append(entries.size()).append('\n');
        int shown = terminal ? Math.min(entries.size(), TERMINAL_LIST_LIMIT) : entries.size();
        for (int i = 0; i < shown; i++) {
            Diff.Entry entry = entries.get(i);
            Mapping mapping = entry.region().mapping();
            String line = mark + " " + Sizes.range(mapping.start(), mapping.end()) + " " + mapping.perms().text()
                    + " " + entry.region().kind().id() + "  " + entry.values().sizeKb() + " kB, Rss "
                    + entry.values().rssKb() + " kB" + (mapping.name().isEmpty() ? "" : "  " + ByteText.shown(mapping.name()));
            out.append("  ").append(Ansi.style(line, sgr, colour)).append('\n');
        }
        if (shown < entries.size()) {
            out.append("  ... and ").append(entries.size() - shown).append(" more\n");
        }
    }
}
