package vmtool.map;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.terminal.TextWidth;

/**
 * The page's picture as a static SVG, for slides and lab reports: the legend with each kind's totals on top, then
 * every mapping as a {@code <g class="m">} carrying {@code data-start} and {@code data-kind} as the page's
 * elements do, at the same scale ({@link Scale}), with its resident part dark and a tooltip ({@code <title>}).
 */
public final class SvgMap {
    private static final int WIDTH = 1000;
    private static final int ADDRESS_RIGHT = 140;
    private static final int BAR_LEFT = 150;
    private static final int BAR_WIDTH = 280;
    private static final int LABEL_LEFT = BAR_LEFT + BAR_WIDTH + 10;
    private static final int LINE = 18;
    /** Regions at least this tall get their address and label written beside them (as in the page). */
    private static final int LABELLED_HEIGHT = 12;
    /**
     * How many chars fit, at most, in the title line (15 px bold, after "vmtool map: ") and beside a region (12 px,
     * from LABEL_LEFT): the widths of sans-serif text, reckoned high (10.5 and 8 px a char), so that a long command
     * line or path is cut, with an ellipsis, inside the picture (MapSvgBrowserTest measures it). The whole text is in
     * the element's tooltip.
     */
    private static final int TITLE_CHARS = (WIDTH - 10 - 120) * 2 / 21;
    private static final int LABEL_CHARS = (WIDTH - LABEL_LEFT - 10) / 8;

    private SvgMap() {
    }

    /** Writes the SVG of this address space. */
    public static void write(AddressSpace space, Writer out) throws IOException {
        write(space, null, out);
    }

    /**
     * Writes the SVG, each region's resident pages drawn where they lie ({@code residency}, from pagemap), or its
     * Rss share shaded from its start when {@code residency} is null.
     */
    public static void write(AddressSpace space, Residency residency, Writer out) throws IOException {
        List<KindTotals> totals = KindTotals.of(space);
        List<Region> regions = space.regions();
        // The note under the legend takes a second line when it explains pages.
        int legendHeight = 2 * LINE + 10 + (totals.size() + (residency != null ? 3 : 2)) * LINE;
        int mapHeight = 0;
        for (int i = 0; i < regions.size(); i++) {
            if (i > 0 && regions.get(i - 1).mapping().end() != regions.get(i).mapping().start()) {
                mapHeight += Scale.GAP_HEIGHT;
            }
            mapHeight += Scale.height(regions.get(i).mapping().size());
        }
        int height = legendHeight + mapHeight + 2 * LINE;
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<defs><pattern id=\"hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"5\" fill=\"#ffffff\""
                + " fill-opacity=\"0.55\"/></pattern>\n"
                + "<pattern id=\"break\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"1\" height=\"6\" fill=\"#bbbbbb\"/></pattern></defs>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>\n");
        int y = LINE;
        String title = Picture.title(space);
        out.write("<text x=\"10\" y=\"" + y + "\" font-size=\"15\" font-weight=\"bold\"><title>");
        Text.xml(out, title);
        out.write("</title>vmtool map: ");
        Text.xml(out, TextWidth.keepStart(title, TITLE_CHARS));
        out.write("</text>\n<text x=\"10\" y=\"" + (y + LINE) + "\">");
        Text.xml(out, Picture.summary(space, totals));
        out.write("</text>\n");
        y += 2 * LINE + 10;
        legend(space, totals, residency != null, y, out);
        y = legendHeight + LINE;
        out.write("<g id=\"map\">\n");
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            Mapping m = region.mapping();
            if (i > 0) {
                long gap = m.start() - regions.get(i - 1).mapping().end();
                if (gap != 0) {
                    out.write("<g class=\"gap\"><rect x=\"" + (BAR_LEFT - 12) + "\" y=\"" + y + "\" width=\""
                            + (BAR_WIDTH + 24) + "\" height=\"" + Scale.GAP_HEIGHT + "\" fill=\"url(#break)\"/>"
                            + "<text x=\"" + (BAR_LEFT + BAR_WIDTH / 2) + "\" y=\"" + (y + 13)
                            + "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">" + Scale.human(gap)
                            + " unmapped</text></g>\n");
                    y += Scale.GAP_HEIGHT;
                }
            }
            int h = Scale.height(m.size());
            mapping(region, residency, y, h, out);
            y += h;
        }
        out.write("</g>\n</svg>\n");
    }

    private static void legend(AddressSpace space, List<KindTotals> totals, boolean pages, int top, Writer out)
            throws IOException {
        int[] columns = {10, 34, 200, 280, 360};
        out.write("<g id=\"legend\" font-size=\"12\">\n<text y=\"" + top + "\" font-weight=\"bold\"><tspan x=\""
                + columns[1] + "\">kind</tspan><tspan x=\"" + columns[2] + "\" text-anchor=\"end\">mappings</tspan>"
                + "<tspan x=\"" + columns[3] + "\" text-anchor=\"end\">Size</tspan><tspan x=\"" + columns[4]
                + "\" text-anchor=\"end\">Rss</tspan></text>\n");
        int y = top;
        for (KindTotals total : totals) {
            y += LINE;
            String colour = KindStyle.colour(total.kind());
            out.write("<g class=\"legend-kind\" data-kind=\"" + total.kind().id() + "\"><title>");
            Text.xml(out, total.kind().meaning());
            out.write("</title><rect x=\"" + columns[0] + "\" y=\"" + (y - 11) + "\" width=\"14\" height=\"14\" fill=\""
                    + colour + "\" stroke=\"#000000\" stroke-opacity=\"0.3\"/>"
                    + (KindStyle.hatched(total.kind()) ? "<rect x=\"" + columns[0] + "\" y=\"" + (y - 11)
                    + "\" width=\"14\" height=\"14\" fill=\"url(#hatch)\"/>" : "")
                    + "<text y=\"" + y + "\"><tspan x=\"" + columns[1] + "\">" + total.kind().id() + "</tspan>"
                    + "<tspan x=\"" + columns[2] + "\" text-anchor=\"end\">" + total.count() + "</tspan>"
                    + "<tspan x=\"" + columns[3] + "\" text-anchor=\"end\">" + Scale.human(total.sizeKb() << 10)
                    + "</tspan><tspan x=\"" + columns[4] + "\" text-anchor=\"end\">"
                    + (space.hasFields() ? Scale.human(total.rssKb() << 10) : "\u2013") + "</tspan></text></g>\n");
        }
        y += LINE;
        out.write("<text y=\"" + y + "\" fill=\"#555\" font-size=\"11\"><tspan x=\"" + columns[0] + "\">"
                + "Lowest address at the top; height grows with log(size); breaks are unmapped gaps;"
                // On two lines: on one, it was wider than the picture where the sans-serif font is DejaVu Sans.
                + (pages ? "</tspan><tspan x=\"" + columns[0] + "\" dy=\"" + LINE + "\">dark: resident pages where they"
                + " lie (pagemap), half dark: partly, darker: in huge pages, orange: swapped."
                : " the dark part of a region is resident.") + "</tspan></text>\n</g>\n");
    }

    /** A pixel slice of a bar drawn from the pages in it. */
    private static final int SLICE_WIDTH = 4;
    private static final String HUGE_SHADE = "#000000\" fill-opacity=\"0.35";
    private static final String SWAPPED_COLOUR = "#e07000";

    private static void mapping(Region region, Residency residency, int y, int h, Writer out) throws IOException {
        Mapping m = region.mapping();
        long sizeKb = m.sizeKb();
        long rssKb = m.residentKb();
        int residentWidth = sizeKb == 0 ? 0 : (int) Math.round(BAR_WIDTH * Math.min(1.0, (double) rssKb / sizeKb));
        out.write("<g class=\"m\" data-start=\"");
        Text.xml(out, m.startText());
        out.write("\" data-kind=\"" + region.kind().id() + "\"><title>");
        Text.xml(out, m.startText() + "-" + Long.toHexString(m.end()) + " " + m.perms().text() + " "
                + region.kind().id() + " " + Scale.human(m.size())
                + (m.fields().size() > 0 ? ", Rss " + Scale.human(rssKb << 10) : "")
                + (m.name().isEmpty() ? "" : " " + ByteText.shown(m.name()))
                + (region.label().isEmpty() ? "" : " (" + ByteText.shown(region.label()) + ")"));
        out.write("</title><rect x=\"" + BAR_LEFT + "\" y=\"" + y + "\" width=\"" + BAR_WIDTH + "\" height=\""
                + h + "\" fill=\"" + KindStyle.pale(region.kind()) + "\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>");
        if (residency != null) {
            slices(region, residency, y, h, out);
        } else if (residentWidth > 0) {
            out.write("<rect x=\"" + BAR_LEFT + "\" y=\"" + y + "\" width=\"" + residentWidth + "\" height=\"" + h
                    + "\" fill=\"" + KindStyle.colour(region.kind()) + "\"/>");
        }
        if (KindStyle.hatched(region.kind())) {
            out.write("<rect x=\"" + BAR_LEFT + "\" y=\"" + y + "\" width=\"" + BAR_WIDTH + "\" height=\"" + h
                    + "\" fill=\"url(#hatch)\"/>");
        }
        if (h >= LABELLED_HEIGHT) {
            out.write("<text x=\"" + ADDRESS_RIGHT + "\" y=\"" + (y + 10) + "\" text-anchor=\"end\""
                    + " font-family=\"monospace\" font-size=\"11\">" + m.startText() + "</text><text x=\""
                    + LABEL_LEFT + "\" y=\"" + (y + 10) + "\">");
            String label = region.kind().id() + "  " + Scale.human(m.size());
            Text.xml(out, m.name().isEmpty() ? label
                    : label + "  " + TextWidth.keepEnd(ByteText.shown(m.name()), LABEL_CHARS - label.length() - 2));
            out.write("</text>");
        }
        out.write("</g>\n");
    }

    /** The bar's slices that hold pages, one rectangle per stretch of slices in one state. */
    private static void slices(Region region, Residency residency, int y, int h, Writer out) throws IOException {
        int n = BAR_WIDTH / SLICE_WIDTH;
        Residency.Slice[] slices = residency.slices(List.of(region), n);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && slices[j + 1] == slices[i]) {
                j++;
            }
            if (slices[i] != Residency.Slice.NONE) {
                String rect = "<rect x=\"" + (BAR_LEFT + i * SLICE_WIDTH) + "\" y=\"" + y + "\" width=\""
                        + (j - i + 1) * SLICE_WIDTH + "\" height=\"" + h + "\" fill=\"";
                out.write(rect + (slices[i] == Residency.Slice.SWAPPED ? SWAPPED_COLOUR
                        : KindStyle.colour(region.kind())) + (slices[i] == Residency.Slice.PARTLY
                        ? "\" fill-opacity=\"0.5" : "") + "\"/>");
                if (slices[i] == Residency.Slice.HUGE) {
                    out.write(rect + HUGE_SHADE + "\"/>");
                }
            }
            i = j + 1;
        }
    }
}
