package vmtool.anatomy;

import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.Region;

/**
 * The anatomy as a table for people: one row per kind, the totals, the homework's answer, the span and the largest
 * gap, then the stacks, the deleted files, the hugetlb mappings, each mapping ({@code --detail}) and notes. Columns
 * are aligned to their widest cell; a section with nothing to list is left out. docs/anatomy.md shows it.
 */
public final class TextRenderer {
    private static final String[] HEADERS = {"KIND", "MAPPINGS", "SIZE_KB", "RSS_KB", "PSS_KB", "DIRTY_KB",
        "SWAP_KB"};

    private final boolean explain;
    private final boolean detail;

    /**
     * @param explain whether to give each kind's meaning (a MEANING column)
     * @param detail  whether to list every mapping too
     */
    public TextRenderer(boolean explain, boolean detail) {
        this.explain = explain;
        this.detail = detail;
    }

    public String render(Anatomy anatomy) {
        StringBuilder out = new StringBuilder(4096);
        out.append(title(anatomy)).append('\n');
        summary(anatomy, out);
        out.append(anatomy.kindCount()).append(anatomy.kindCount() == 1 ? " kind" : " kinds").append(" of region in ")
                .append(anatomy.mappingCount()).append(anatomy.mappingCount() == 1 ? " mapping\n" : " mappings\n");
        if (anatomy.span() != null) {
            Anatomy.Range span = anatomy.span();
            out.append("span:        ").append(Sizes.range(span.start(), span.end())).append("  (")
                    .append(Sizes.human(span.sizeKb())).append(")\n");
        }
        if (anatomy.largestGap() != null) {
            Anatomy.Range gap = anatomy.largestGap();
            out.append("largest gap: ").append(Sizes.range(gap.start(), gap.end())).append("  (")
                    .append(Sizes.human(gap.sizeKb())).append(" unmapped)\n");
        }
        stacks(anatomy, out);
        flagged("deleted files", anatomy.deleted(), out);
        flagged("hugetlb", anatomy.hugetlb(), out);
        if (detail) {
            mappings(anatomy, out);
        }
        if (!anatomy.notes().isEmpty()) {
            out.append("notes:\n");
            for (String note : anatomy.notes()) {
                out.append("  ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code PID:   COMMAND LINE} as pmap's first line, or the saved file's name. */
    static String title(Anatomy anatomy) {
        if (anatomy.saved()) {
            return anatomy.source() + ":";
        }
        String cmdline = anatomy.process().cmdline();
        StringBuilder line = new StringBuilder();
        line.append(anatomy.process().pid()).append(":   ");
        if (cmdline.isEmpty()) {
            line.append('[').append(anatomy.process().comm()).append(']');
        } else {
            int end = cmdline.endsWith("\0") ? cmdline.length() - 1 : cmdline.length();
            for (int i = 0; i < end; i++) {
                char c = cmdline.charAt(i);
                line.append(c == '\0' ? ' ' : c < ' ' || c == 0x7f ? '?' : c);
            }
        }
        return line.toString();
    }

    private void summary(Anatomy anatomy, StringBuilder out) {
        List<Anatomy.KindRow> rows = anatomy.kinds();
        String[][] cells = new String[rows.size() + 2][];
        cells[0] = HEADERS;
        for (int r = 0; r < rows.size(); r++) {
            cells[r + 1] = cells(rows.get(r), rows.get(r).kind().id(), anatomy.hasSizes());
        }
        cells[cells.length - 1] = cells(anatomy.total(), "total", anatomy.hasSizes());
        int[] widths = widths(cells);
        for (int r = 0; r < cells.length; r++) {
            String meaning = null;
            if (explain) {
                meaning = r == 0 ? "MEANING" : r <= rows.size() ? rows.get(r - 1).kind().meaning() : "";
            }
            row(cells[r], widths, meaning, out);
        }
    }

    private static String[] cells(Anatomy.KindRow row, String name, boolean sizes) {
        return new String[] {name, Integer.toString(row.mappings()), Long.toString(row.sizeKb()),
            sizes ? Long.toString(row.rssKb()) : "-", sizes ? Long.toString(row.pssKb()) : "-",
            sizes ? Long.toString(row.dirtyKb()) : "-", sizes ? Long.toString(row.swapKb()) : "-"};
    }

    private static int[] widths(String[][] cells) {
        int[] widths = new int[cells[0].length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    /** The first cell left-aligned, the rest right-aligned, two blanks apart; a meaning last, unpadded. */
    private static void row(String[] cells, int[] widths, String last, StringBuilder out) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append("  ");
                pad(out, widths[c] - cells[c].length());
                out.append(cells[c]);
            } else {
                out.append(cells[c]);
                pad(out, widths[c] - cells[c].length());
            }
        }
        if (last != null && !last.isEmpty()) {
            out.append("  ").append(last);
        }
        trimEnd(out, start);
        out.append('\n');
    }

    private void stacks(Anatomy anatomy, StringBuilder out) {
        if (anatomy.stacks().isEmpty()) {
            return;
        }
        out.append("stacks:\n");
        String[][] cells = new String[anatomy.stacks().size() + 1][];
        cells[0] = new String[] {"TID", "THREAD", "RANGE", "SIZE_KB", "GUARD_KB"};
        for (int i = 0; i < anatomy.stacks().size(); i++) {
            Anatomy.Stack stack = anatomy.stacks().get(i);
            Mapping mapping = stack.region().mapping();
            cells[i + 1] = new String[] {stack.tid() == 0 ? "-" : Integer.toString(stack.tid()),
                stack.name().isEmpty() ? "-" : stack.name(), Sizes.range(mapping.start(), mapping.end()),
                Long.toString(mapping.sizeKb()), Long.toString(stack.guardKb())};
        }
        int[] widths = widths(cells);
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder("  ");
            // TID right-aligned; thread name and range left-aligned; sizes right-aligned.
            pad(line, widths[0] - row[0].length());
            line.append(row[0]).append("  ").append(row[1]);
            pad(line, widths[1] - row[1].length());
            line.append("  ").append(row[2]);
            pad(line, widths[2] - row[2].length());
            for (int c = 3; c < row.length; c++) {
                line.append("  ");
                pad(line, widths[c] - row[c].length());
                line.append(row[c]);
            }
            out.append(line).append('\n');
        }
    }

    private static void flagged(String title, List<Region> regions, StringBuilder out) {
        if (regions.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        for (Region region : regions) {
            Mapping mapping = region.mapping();
            out.append("  ").append(Sizes.range(mapping.start(), mapping.end())).append(' ').append(mapping.perms())
                    .append(' ').append(region.kind().id()).append(' ').append(Describe.name(region)).append('\n');
        }
    }

    private static void mappings(Anatomy anatomy, StringBuilder out) {
        out.append("mappings:\n");
        List<Region> regions = anatomy.regions();
        String[][] cells = new String[regions.size() + 1][];
        cells[0] = new String[] {"RANGE", "PERM", "KIND", "SIZE_KB", "RSS_KB", "PSS_KB", "DIRTY_KB", "SWAP_KB",
            "NAME"};
        long[] values = new long[5];
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            Mapping mapping = region.mapping();
            boolean sizes = mapping.fields().size() > 0;
            values[0] = mapping.residentKb();
            values[1] = mapping.fields().valueOf("Pss");
            values[2] = mapping.fields().valueOf("Shared_Dirty") + mapping.fields().valueOf("Private_Dirty");
            values[3] = mapping.fields().valueOf("Swap");
            cells[i + 1] = new String[] {Sizes.range(mapping.start(), mapping.end()), mapping.perms().text(),
                region.kind().id(), Long.toString(mapping.sizeKb()), sizes ? Long.toString(values[0]) : "-",
                sizes ? Long.toString(values[1]) : "-", sizes ? Long.toString(values[2]) : "-",
                sizes ? Long.toString(values[3]) : "-", Describe.name(region)};
        }
        int[] widths = widths(cells);
        for (String[] row : cells) {
            int start = out.length();
            out.append("  ");
            for (int c = 0; c < row.length; c++) {
                boolean left = c <= 2 || c == row.length - 1;
                if (c > 0) {
                    out.append("  ");
                }
                if (!left) {
                    pad(out, widths[c] - row[c].length());
                }
                out.append(row[c]);
                if (left && c < row.length - 1) {
                    pad(out, widths[c] - row[c].length());
                }
            }
            trimEnd(out, start);
            out.append('\n');
        }
    }

    private static void pad(StringBuilder out, int blanks) {
        for (int i = 0; i < blanks; i++) {
            out.append(' ');
        }
    }

    private static void trimEnd(StringBuilder out, int from) {
        int end = out.length();
        while (end > from && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
