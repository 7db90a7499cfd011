package vmtool.map;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;
import vmtool.terminal.TextWidth;

/**
 * The map as lines of text: one line per group of adjacent regions of the same kind and label (a library's
 * mappings, a run of anonymous blocks), with a bar whose length grows with the logarithm of the group's size, its
 * resident part solid; a line for each unmapped gap with its size.
 */
public final class TerminalMap {
    /** How the bars are drawn. */
    public enum Style {
        /** Plain ASCII, for a pipe or a file: {@code ###...}. */
        PLAIN('#', '.', 'x', 'H', ':', 's'),
        /** Block characters without colour: a terminal with NO_COLOR set. */
        BLOCKS('\u2588', '\u2591', '\u2592', '\u2593', '\u2584', 's'),
        /** Block characters in each kind's colour (xterm 256 colours). */
        COLOUR('\u2588', '\u2591', '\u2592', '\u2593', '\u2584', 's');

        final char resident;
        final char notResident;
        final char inaccessible;
        /** In huge pages, partly present, and swapped: drawn only from the pages' own states ({@link Residency}). */
        final char huge;
        final char partly;
        final char swapped;

        Style(char resident, char notResident, char inaccessible, char huge, char partly, char swapped) {
            this.resident = resident;
            this.notResident = notResident;
            this.inaccessible = inaccessible;
            this.huge = huge;
            this.partly = partly;
            this.swapped = swapped;
        }
    }

    static final int BAR_WIDTH = 24;
    /** The kind's column into a pipe: the longest kind's id and a blank. */
    private static final int KIND_WIDTH = 17;
    /** A size's column, right-aligned: {@code 1023.5 KiB} fits with the blank before it. */
    private static final int SIZE_WIDTH = 9;
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";

    private TerminalMap() {
    }

    /** The bar's length in characters for {@code bytes}: 1 for a page, 2 more for every 3 doublings, at most 24. */
    static int barLength(long bytes) {
        return Math.min(BAR_WIDTH, 1 + Scale.doublings(bytes) * 2 / 3);
    }

    /** Writes the map of this address space at full width: into a pipe or a file. */
    public static void write(AddressSpace space, Style style, Appendable out) throws IOException {
        write(space, style, 0, out);
    }

    /**
     * Writes the map of this address space, fitted to a terminal {@code columns} wide (0: not fitted, every line
     * whole, as into a pipe).
     */
    public static void write(AddressSpace space, Style style, int columns, Appendable out) throws IOException {
        write(space, style, columns, null, out);
    }

    /**
     * The same, each bar drawn from where the pages really are ({@code residency}, from the process's pagemap), or
     * with its Rss share shaded from its start when {@code residency} is null.
     */
    public static void write(AddressSpace space, Style style, int columns, Residency residency, Appendable out)
            throws IOException {
        List<Region> regions = space.regions();
        int width = 0;
        for (Mapping m : space.mappings()) {
            width = Math.max(width, Math.max(m.startText().length(), Long.toHexString(m.end()).length()));
        }
        List<List<Region>> groups = new ArrayList<>();
        int first = 0;
        while (first < regions.size()) {
            int last = first;
            while (last + 1 < regions.size() && sameGroup(regions.get(last), regions.get(last + 1))) {
                last++;
            }
            groups.add(regions.subList(first, last + 1));
            first = last + 1;
        }
        Layout layout = columns <= 0 ? new Layout(width, true, BAR_WIDTH, KIND_WIDTH, space.hasFields(), 0)
                : Layout.fitted(groups, width, space.hasFields(), columns);
        String title = Picture.title(space);
        String summary = Picture.summary(space, KindTotals.of(space));
        if (residency != null) {
            summary += "; pages as pagemap shows them: " + style.resident + " present, " + style.partly + " partly, "
                    + style.huge + " in huge pages, " + style.swapped + " swapped, " + style.notResident
                    + " not present";
        }
        if (columns <= 0) {
            out.append(title).append('\n').append(summary).append('\n');
        } else {
            out.append(TextWidth.keepStart(title, columns)).append('\n');
            for (String line : TextWidth.wrap(summary, columns)) {
                out.append(line).append('\n');
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                long gap = groups.get(g).get(0).mapping().start()
                        - groups.get(g - 1).get(groups.get(g - 1).size() - 1).mapping().end();
                if (gap != 0) {
                    gapLine(gap, layout, style, out);
                }
            }
            groupLine(groups.get(g), layout, style, residency, out);
        }
    }

    /**
     * How a line is laid out: the address range (or its start alone), the bar's longest length, the kind's column,
     * the Rss column; {@code columns} 0 when the name is written whole.
     */
    private record Layout(int addressWidth, boolean range, int barWidth, int kindWidth, boolean rss, int columns) {
        /** Shown whole, a group's description never takes more than this when columns are scarce. */
        private static final int NAME_WANTED = 24;

        /**
         * The richest layout that leaves the name room on a terminal {@code columns} wide: the bar shortens to half
         * first, then the Rss column goes, then the bar shortens again, then the range's end goes; columns to spare
         * lengthen the bar again. The name (a path's end) is cut to what is left.
         */
        static Layout fitted(List<List<Region>> groups, int addressWidth, boolean hasRss, int columns) {
            int kindWidth = 0;
            int nameWidth = 0;
            for (List<Region> group : groups) {
                kindWidth = Math.max(kindWidth, group.get(0).kind().id().length());
                nameWidth = Math.max(nameWidth, TextWidth.columns(what(group)));
            }
            int wanted = Math.min(NAME_WANTED, nameWidth);
            Layout[] candidates = {
                new Layout(addressWidth, true, BAR_WIDTH, kindWidth, hasRss, columns),
                new Layout(addressWidth, true, BAR_WIDTH / 2, kindWidth, hasRss, columns),
                new Layout(addressWidth, true, BAR_WIDTH / 2, kindWidth, false, columns),
                new Layout(addressWidth, true, BAR_WIDTH / 4, kindWidth, false, columns),
                new Layout(addressWidth, false, BAR_WIDTH / 4, kindWidth, false, columns)};
            int nameColumns = wanted == 0 ? 0 : 2 + wanted;
            for (Layout layout : candidates) {
                int spare = columns - layout.fixedWidth() - nameColumns;
                if (spare >= 0) {
                    // What the name does not want lengthens the bar again.
                    return new Layout(addressWidth, layout.range(), Math.min(BAR_WIDTH, layout.barWidth() + spare),
                            kindWidth, layout.rss(), columns);
                }
            }
            return candidates[candidates.length - 1];
        }

        /** The columns before the name. */
        int fixedWidth() {
            return (range ? 2 * addressWidth + 1 : addressWidth) + 2 + barWidth + 2 + kindWidth + SIZE_WIDTH
                    + (rss ? 6 + SIZE_WIDTH : 0);
        }

        /** A bar's length at this layout's longest: in proportion to the full one, at least 1. */
        int barLength(long bytes) {
            return Math.max(1, (TerminalMap.barLength(bytes) * barWidth + BAR_WIDTH - 1) / BAR_WIDTH);
        }
    }

    private static boolean sameGroup(Region a, Region b) {
        return a.kind() == b.kind() && a.label().equals(b.label()) && a.tid() == b.tid()
                && a.mapping().end() == b.mapping().start();
    }

    private static void gapLine(long gap, Layout layout, Style style, Appendable out) throws IOException {
        pad(out, "", layout.range() ? 2 * layout.addressWidth() + 3 : layout.addressWidth() + 2);
        if (style == Style.COLOUR) {
            out.append(DIM);
        }
        out.append("~~ ").append(Scale.human(gap)).append(" unmapped ~~");
        if (style == Style.COLOUR) {
            out.append(RESET);
        }
        out.append('\n');
    }

    private static void groupLine(List<Region> group, Layout layout, Style style, Residency residency,
                                  Appendable out) throws IOException {
        Region head = group.get(0);
        Mapping first = head.mapping();
        Mapping last = group.get(group.size() - 1).mapping();
        long bytes = last.end() - first.start();
        long rssKb = 0;
        for (Region region : group) {
            rssKb += region.mapping().residentKb();
        }
        padLeft(out, first.startText(), layout.addressWidth());
        if (layout.range()) {
            out.append('-');
            padLeft(out, Long.toHexString(last.end()), layout.addressWidth());
        }
        out.append("  ");
        int length = layout.barLength(bytes);
        long kb = bytes >>> 10;
        int solid = kb == 0 ? 0 : (int) Math.min(length, Math.round((double) length * rssKb / kb));
        if (solid == 0 && rssKb > 0) {
            solid = 1;
        }
        MappingKind kind = head.kind();
        if (style == Style.COLOUR) {
            out.append("\u001b[38;5;").append(Integer.toString(KindStyle.ansi256(kind))).append('m');
        }
        char rest = KindStyle.hatched(kind) ? style.inaccessible : style.notResident;
        Residency.Slice[] slices = residency == null ? null : residency.slices(group, length);
        for (int i = 0; i < length; i++) {
            if (slices == null) {
                out.append(i < solid ? style.resident : rest);
                continue;
            }
            out.append(switch (slices[i]) {
                case RESIDENT -> style.resident;
                case HUGE -> style.huge;
                case PARTLY -> style.partly;
                case SWAPPED -> style.swapped;
                case NONE -> rest;
            });
        }
        if (style == Style.COLOUR) {
            out.append(RESET);
        }
        pad(out, "", layout.barWidth() - length + 2);
        pad(out, kind.id(), layout.kindWidth());
        padLeft(out, Scale.human(bytes), SIZE_WIDTH);
        if (layout.rss()) {
            out.append("  rss ");
            padLeft(out, Scale.human(rssKb << 10), SIZE_WIDTH);
        }
        String what = what(group);
        if (layout.columns() > 0) {
            what = fit(group, layout.columns() - layout.fixedWidth() - 2);
        }
        if (!what.isEmpty()) {
            out.append("  ").append(what);
        }
        out.append('\n');
    }

    /** What a group is: its description, and how many mappings it joins. */
    private static String what(List<Region> group) {
        return what(describe(group.get(0)), group.size());
    }

    private static String what(String description, int mappings) {
        return mappings > 1 ? (description.isEmpty() ? "" : description + "  ") + "(" + mappings + " mappings)"
                : description;
    }

    /**
     * What a group is, in at most {@code columns}: the description's end (a path's file name) comes before the
     * count of mappings, which goes when the description would keep less than {@link Layout#NAME_WANTED}.
     */
    private static String fit(List<Region> group, int columns) {
        String description = describe(group.get(0));
        String whole = what(description, group.size());
        if (TextWidth.columns(whole) <= columns) {
            return whole;
        }
        int forDescription = columns - (TextWidth.columns(whole) - TextWidth.columns(description));
        if (description.isEmpty() || forDescription >= Math.min(Layout.NAME_WANTED, TextWidth.columns(description))) {
            return what(TextWidth.keepEnd(description, forDescription), group.size());
        }
        return TextWidth.keepEnd(description, columns);
    }

    /** The label, else the name, with the thread id for a thread's stack; as people are shown it. */
    private static String describe(Region region) {
        String text = !region.label().isEmpty() ? region.label() : region.mapping().name();
        if (region.tid() != 0) {
            text = (text + " tid " + region.tid()).strip();
        }
        return ByteText.shown(text);
    }

    private static void pad(Appendable out, String text, int width) throws IOException {
        out.append(text);
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
    }

    private static void padLeft(Appendable out, String text, int width) throws IOException {
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(text);
    }
}
