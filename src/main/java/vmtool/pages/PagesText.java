package vmtool.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import vmtool.model.ByteText;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;
import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;

/**
 * {@code vmtool pages} for people: one row per mapping (or part asked for), then the totals per kind and for the
 * process, in kB; for root the flags of the present frames; with {@code --runs}, each mapping's runs. Fits
 * {@code columns} when it is above 0 (the least needed columns left out first, names cut at their start; sentences
 * and runs wrapped), else each line is written whole.
 */
public final class PagesText {
    /** Left out first as the terminal narrows: KSM, FRAMES>1, ZERO, HUGE, SWAP, FILE, ANON, SHARED, UNTOUCHED. */
    private static final List<CountColumn> DROP_ORDER = List.of(CountColumn.KSM, CountColumn.SHARED_FRAMES,
            CountColumn.ZERO, CountColumn.HUGE, CountColumn.SWAP, CountColumn.FILE, CountColumn.ANON,
            CountColumn.SHARED, CountColumn.UNTOUCHED, CountColumn.EXCLUSIVE);
    private static final int MIN_NAME_WIDTH = 12;

    private final int columns;

    public PagesText(int columns) {
        this.columns = columns;
    }

    /** The text, written to {@code out} as it is made: a 60,000-mapping process's table is never held whole. */
    public void render(ProcessInfo process, PageReport report, Appendable out) throws IOException {
        line(title(process), out);
        // A sentence, wrapped: the note on what '-' means must not be cut off.
        wrapped("pages read with " + (report.method() == ReadMethod.PAGEMAP_SCAN ? "PAGEMAP_SCAN and pagemap"
                : "pagemap") + "; sizes in kB, pages of " + report.pageSize() / 1024 + " kB; '-': not known"
                + (report.zeroAndHugeKnown() ? "" : " (zero and huge pages need PAGEMAP_SCAN, Linux 6.7+, or root"
                + " with --frames)"), "  ", out);
        List<CountColumn> counts = CountColumn.of(report);
        List<MappingPages> mappings = report.mappings();
        mappingTable(counts, mappings, out);
        out.append('\n');
        kinds(report, out);
        if (report.frames()) {
            flags(report.total(), out);
        }
        for (MappingPages mapping : mappings) {
            if (!mapping.runs().isEmpty()) {
                runs(mapping, report, out);
            }
        }
    }

    /** The totals per kind and for the process, a table (anatomy --pages shows it under its own). */
    public void kinds(PageReport report, Appendable out) throws IOException {
        List<CountColumn> counts = CountColumn.of(report);
        List<String[]> kinds = new ArrayList<>();
        Map<MappingKind, PageCounts> byKind = report.byKind();
        int[] mappings = new int[MappingKind.values().length];
        for (MappingPages mapping : report.mappings()) {
            mappings[mapping.target().region().kind().ordinal()]++;
        }
        for (Map.Entry<MappingKind, PageCounts> kind : byKind.entrySet()) {
            kinds.add(row(kind.getKey().id(), Integer.toString(mappings[kind.getKey().ordinal()]), counts,
                    kind.getValue(), null));
        }
        kinds.add(row("total", Integer.toString(report.mappings().size()), counts, report.total(), null));
        table(new String[] {"KIND", "MAPPINGS"}, null, counts, kinds.size(), kinds::get, out);
    }

    private static String[] row(String first, String second, List<CountColumn> counts, PageCounts values,
                                String name) {
        String[] row = new String[2 + counts.size() + (name == null ? 0 : 1)];
        row[0] = first;
        row[1] = second;
        for (int i = 0; i < counts.size(); i++) {
            long kb = counts.get(i).kb(values);
            row[2 + i] = kb < 0 ? "-" : Long.toString(kb);
        }
        if (name != null) {
            row[row.length - 1] = name;
        }
        return row;
    }

    /** Two text columns, the counts right-aligned, and a name last that takes what is left (cut at its start). */
    private void table(String[] lead, String last, List<CountColumn> counts, int rowCount,
                       IntFunction<String[]> rows, Appendable out) throws IOException {
        int[] widths = new int[lead.length + counts.size()];
        for (int r = 0; r < rowCount; r++) {
            String[] row = rows.apply(r);
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], TextWidth.columns(row[c]));
            }
        }
        table(lead, last, counts, rowCount, rows, widths, out);
    }

    /**
     * The mappings' table: the widths from the largest values, so that each row is made once and written straight
     * into one line (a 60,000-mapping process's rows are never held, and make no text of their own).
     */
    private void mappingTable(List<CountColumn> counts, List<MappingPages> mappings, Appendable out)
            throws IOException {
        int[] widths = new int[2 + counts.size()];
        long[] largest = new long[counts.size()];
        long highest = 0;
        for (MappingPages mapping : mappings) {
            highest = Math.max(highest, Long.numberOfLeadingZeros(mapping.target().start()) == 0 ? Long.MAX_VALUE
                    : mapping.target().start());
            widths[1] = Math.max(widths[1], mapping.target().region().kind().id().length());
            PageCounts values = mapping.counts();
            for (int i = 0; i < largest.length; i++) {
                largest[i] = Math.max(largest[i], counts.get(i).kb(values));
            }
        }
        widths[0] = highest == Long.MAX_VALUE ? 16 : Long.toHexString(highest).length();
        for (int i = 0; i < largest.length; i++) {
            // An unknown count shows as '-', one column.
            widths[2 + i] = digits(Math.max(0, largest[i]));
        }
        Layout layout = layout(new String[] {"ADDRESS", "KIND"}, "NAME", counts, widths);
        StringBuilder line = new StringBuilder(256);
        appendRow(layout.headers, "NAME", layout, line, out);
        for (MappingPages mapping : mappings) {
            PageTarget target = mapping.target();
            line.setLength(0);
            if (layout.kept[0]) {
                cell(line, hex(target.start()), true, layout.widths[0]);
            }
            if (layout.kept[1]) {
                cell(line, target.region().kind().id(), true, layout.widths[1]);
            }
            PageCounts values = mapping.counts();
            for (int i = 0; i < counts.size(); i++) {
                if (layout.kept[2 + i]) {
                    long kb = counts.get(i).kb(values);
                    separate(line);
                    spaces(line, layout.widths[2 + i] - (kb < 0 ? 1 : digits(kb)));
                    if (kb < 0) {
                        line.append('-');
                    } else {
                        line.append(kb);
                    }
                }
            }
            end(line, ByteText.shown(target.region().mapping().name()), layout, out);
        }
    }

    /** Which columns a table keeps, how wide each is (its header's width taken in), and what the name gets. */
    private record Layout(String[] headers, int[] widths, boolean[] kept, int textColumns, int nameWidth) {
    }

    private Layout layout(String[] lead, String last, List<CountColumn> counts, int[] cellWidths) {
        int n = lead.length + counts.size();
        String[] headers = new String[n];
        System.arraycopy(lead, 0, headers, 0, lead.length);
        for (int i = 0; i < counts.size(); i++) {
            headers[lead.length + i] = counts.get(i).header();
        }
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = Math.max(cellWidths[c], TextWidth.columns(headers[c]));
        }
        boolean[] kept = new boolean[n];
        java.util.Arrays.fill(kept, true);
        if (columns > 0) {
            int reserve = last == null ? 0 : MIN_NAME_WIDTH + 2;
            List<Integer> order = new ArrayList<>();
            for (CountColumn column : DROP_ORDER) {
                int at = counts.indexOf(column);
                if (at >= 0) {
                    order.add(lead.length + at);
                }
            }
            int[] dropOrder = order.stream().mapToInt(Integer::intValue).toArray();
            kept = TableFit.kept(widths, dropOrder, columns - reserve);
        }
        int nameWidth = columns > 0 ? Math.max(MIN_NAME_WIDTH, columns - TableFit.width(widths, kept) - 2) : 0;
        return new Layout(headers, widths, kept, lead.length, nameWidth);
    }

    /** A table with these widths of its cells (the headers' are taken in here). */
    private void table(String[] lead, String last, List<CountColumn> counts, int rowCount,
                       IntFunction<String[]> rows, int[] cellWidths, Appendable out) throws IOException {
        Layout layout = layout(lead, last, counts, cellWidths);
        StringBuilder line = new StringBuilder(256);
        appendRow(layout.headers, last, layout, line, out);
        for (int r = 0; r < rowCount; r++) {
            String[] row = rows.apply(r);
            appendRow(row, last == null ? null : row[layout.headers.length], layout, line, out);
        }
    }

    private void appendRow(String[] cells, String last, Layout layout, StringBuilder line, Appendable out)
            throws IOException {
        line.setLength(0);
        for (int c = 0; c < layout.widths.length; c++) {
            if (layout.kept[c]) {
                cell(line, cells[c], c < layout.textColumns, layout.widths[c]);
            }
        }
        end(line, last, layout, out);
    }

    /** One cell, after two spaces unless it is the first: text left-aligned, counts right-aligned. */
    private static void cell(StringBuilder line, String cell, boolean text, int width) {
        separate(line);
        int pad = width - TextWidth.columns(cell);
        if (text) {
            line.append(cell);
            spaces(line, pad);
        } else {
            spaces(line, pad);
            line.append(cell);
        }
    }

    private static void separate(StringBuilder line) {
        if (line.length() > 0) {
            line.append("  ");
        }
    }

    private static void spaces(StringBuilder line, int count) {
        for (int i = 0; i < count; i++) {
            line.append(' ');
        }
    }

    /** The name (cut to fit), and the line without trailing blanks. */
    private void end(StringBuilder line, String last, Layout layout, Appendable out) throws IOException {
        if (last != null) {
            line.append("  ").append(columns > 0 ? TextWidth.keepEnd(last, layout.nameWidth) : last);
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        out.append(line.append('\n'));
    }

    /** The decimal digits of {@code value} (not negative). */
    private static int digits(long value) {
        int digits = 1;
        for (long rest = value; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private void flags(PageCounts total, Appendable out) throws IOException {
        StringBuilder text = new StringBuilder("flags of the present frames (pages):");
        FlagCounts pages = total.flagPages();
        for (int bit = 0; bit < 64; bit++) {
            if (pages.get(bit) > 0) {
                String name = KernelPageFlags.name(bit);
                text.append(' ').append(name == null ? "bit" + bit : name).append(' ').append(pages.get(bit))
                        .append(',');
            }
        }
        text.setLength(text.length() - (text.charAt(text.length() - 1) == ',' ? 1 : 0));
        out.append('\n');
        wrapped(text.toString(), "  ", out);
    }

    private void runs(MappingPages mapping, PageReport report, Appendable out) throws IOException {
        PageTarget target = mapping.target();
        out.append('\n');
        wrapped("runs of " + hex(target.start()) + "-" + hex(target.end()) + " " + target.region().kind().id() + " "
                + ByteText.shown(target.region().mapping().name()), "  ", out);
        for (PageRun run : mapping.runs()) {
            long pages = run.pages(report.pageSize());
            StringBuilder text = new StringBuilder("  ").append(hex(run.start())).append('-').append(hex(run.end()))
                    .append("  ").append(pages).append(pages == 1 ? " page  " : " pages  ")
                    .append(String.join(" ", PageState.names(run.state())));
            if (run.firstFrame() >= 0) {
                text.append("  frames 0x").append(Long.toHexString(run.firstFrame()));
                if (pages > 1) {
                    text.append("-0x").append(Long.toHexString(run.firstFrame() + pages - 1));
                }
            }
            if (run.flags() > 0) {
                text.append("  flags ").append(String.join(",", KernelPageFlags.names(run.flags())));
            }
            // Wrapped, not cut: the frames and flags at its end are what --runs is asked for.
            wrapped(text.toString(), "      ", out);
        }
    }

    /** {@code text} wrapped to the terminal, its continuation lines beginning with {@code indent}. */
    private void wrapped(String text, String indent, Appendable out) throws IOException {
        if (columns <= 0) {
            out.append(text).append('\n');
            return;
        }
        for (String piece : TextWidth.wrap(text, columns, indent)) {
            out.append(piece).append('\n');
        }
    }

    private void line(String text, Appendable out) throws IOException {
        out.append(columns > 0 ? TextWidth.keepStart(text, columns) : text).append('\n');
    }

    static String title(ProcessInfo process) {
        return process.pid() + ":   " + process.shownCommandLine();
    }

    static String hex(long address) {
        return Long.toHexString(address);
    }
}
