package vmtool.map;

import java.io.IOException;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/**
 * The map as lines of text: one line per group of adjacent regions of the same kind and label (a library's
 * mappings, a run of anonymous blocks), with a bar whose length grows with the logarithm of the group's size, its
 * resident part solid; a line for each unmapped gap with its size.
 */
public final class TerminalMap {
    /** How the bars are drawn. */
    public enum Style {
        /** Plain ASCII, for a pipe or a file: {@code ###...}. */
        PLAIN('#', '.', 'x'),
        /** Block characters without colour: a terminal with NO_COLOR set. */
        BLOCKS('\u2588', '\u2591', '\u2592'),
        /** Block characters in each kind's colour (xterm 256 colours). */
        COLOUR('\u2588', '\u2591', '\u2592');

        final char resident;
        final char notResident;
        final char inaccessible;

        Style(char resident, char notResident, char inaccessible) {
            this.resident = resident;
            this.notResident = notResident;
            this.inaccessible = inaccessible;
        }
    }

    static final int BAR_WIDTH = 24;
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";

    private TerminalMap() {
    }

    /** The bar's length in characters for {@code bytes}: 1 for a page, 2 more for every 3 doublings, at most 24. */
    static int barLength(long bytes) {
        return Math.min(BAR_WIDTH, 1 + Scale.doublings(bytes) * 2 / 3);
    }

    /** Writes the map of this address space. */
    public static void write(AddressSpace space, Style style, Appendable out) throws IOException {
        List<Region> regions = space.regions();
        out.append(safe(Picture.title(space))).append('\n')
                .append(Picture.summary(space, KindTotals.of(space))).append("\n");
        int width = 0;
        for (Mapping m : space.mappings()) {
            width = Math.max(width, Math.max(m.startText().length(), Long.toHexString(m.end()).length()));
        }
        int first = 0;
        while (first < regions.size()) {
            int last = first;
            while (last + 1 < regions.size() && sameGroup(regions.get(last), regions.get(last + 1))) {
                last++;
            }
            if (first > 0) {
                long gap = regions.get(first).mapping().start() - regions.get(first - 1).mapping().end();
                if (gap != 0) {
                    gapLine(gap, width, style, out);
                }
            }
            groupLine(space, regions.subList(first, last + 1), width, style, out);
            first = last + 1;
        }
    }

    private static boolean sameGroup(Region a, Region b) {
        return a.kind() == b.kind() && a.label().equals(b.label()) && a.tid() == b.tid()
                && a.mapping().end() == b.mapping().start();
    }

    private static void gapLine(long gap, int width, Style style, Appendable out) throws IOException {
        pad(out, "", 2 * width + 3);
        if (style == Style.COLOUR) {
            out.append(DIM);
        }
        out.append("~~ ").append(Scale.human(gap)).append(" unmapped ~~");
        if (style == Style.COLOUR) {
            out.append(RESET);
        }
        out.append('\n');
    }

    private static void groupLine(AddressSpace space, List<Region> group, int width, Style style, Appendable out)
            throws IOException {
        Region head = group.get(0);
        Mapping first = head.mapping();
        Mapping last = group.get(group.size() - 1).mapping();
        long bytes = last.end() - first.start();
        long rssKb = 0;
        for (Region region : group) {
            rssKb += region.mapping().residentKb();
        }
        padLeft(out, first.startText(), width);
        out.append('-');
        padLeft(out, Long.toHexString(last.end()), width);
        out.append("  ");
        int length = barLength(bytes);
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
        for (int i = 0; i < length; i++) {
            out.append(i < solid ? style.resident : rest);
        }
        if (style == Style.COLOUR) {
            out.append(RESET);
        }
        pad(out, "", BAR_WIDTH - length + 2);
        pad(out, kind.id(), 17);
        padLeft(out, Scale.human(bytes), 9);
        if (space.hasFields()) {
            out.append("  rss ");
            padLeft(out, Scale.human(rssKb << 10), 9);
        }
        String what = describe(head);
        if (!what.isEmpty()) {
            out.append("  ").append(what);
        }
        if (group.size() > 1) {
            out.append("  (").append(Integer.toString(group.size())).append(" mappings)");
        }
        out.append('\n');
    }

    /** The label, else the name, with the thread id for a thread's stack; control characters shown as {@code ?}. */
    private static String describe(Region region) {
        String text = !region.label().isEmpty() ? region.label() : region.mapping().name();
        if (region.tid() != 0) {
            text = (text + " tid " + region.tid()).strip();
        }
        return safe(Text.display(text));
    }

    /** The text with control characters as {@code ?}: a name must not move the cursor or change colours. */
    private static String safe(String text) {
        StringBuilder safe = new StringBuilder(text);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                safe.setCharAt(i, '?');
            }
        }
        return safe.toString();
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
