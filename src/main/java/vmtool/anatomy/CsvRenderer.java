package vmtool.anatomy;

import java.util.ArrayList;
import java.util.List;

import vmtool.export.Csv;
import vmtool.pages.PageReport;

/** The anatomy as CSV (RFC 4180): a header row, then one row per kind present; no totals row (sum the column). */
public final class CsvRenderer {
    static final List<String> HEADER = List.of("kind", "mappings", "size_kb", "rss_kb", "pss_kb", "dirty_kb",
            "swap_kb", "meaning");

    private CsvRenderer() {
    }

    /** Sizes that a maps file does not have are empty fields. */
    public static String render(Anatomy anatomy) {
        return render(anatomy, null);
    }

    /** With {@code pages} (anatomy --pages), each kind's page counts follow its meaning, in columns {@code pages_*}. */
    public static String render(Anatomy anatomy, PageReport pages) {
        StringBuilder out = new StringBuilder(1024);
        List<String> header = new ArrayList<>(HEADER);
        if (pages != null) {
            header.addAll(PagesSection.csvHeader(pages));
        }
        Csv.record(out, header);
        boolean sizes = anatomy.hasSizes();
        for (Anatomy.KindRow row : anatomy.kinds()) {
            List<String> fields = new ArrayList<>(HEADER.size());
            fields.add(row.kind().id());
            fields.add(Integer.toString(row.mappings()));
            fields.add(Long.toString(row.sizeKb()));
            fields.add(sizes ? Long.toString(row.rssKb()) : "");
            fields.add(sizes ? Long.toString(row.pssKb()) : "");
            fields.add(sizes ? Long.toString(row.dirtyKb()) : "");
            fields.add(sizes ? Long.toString(row.swapKb()) : "");
            fields.add(row.kind().meaning());
            if (pages != null) {
                fields.addAll(PagesSection.csvFields(pages, row.kind()));
            }
            Csv.record(out, fields);
        }
        return out.toString();
    }
}
