package vmtool.anatomy;

import java.util.ArrayList;
import java.util.List;

import vmtool.export.Csv;

/** The anatomy as CSV (RFC 4180): a header row, then one row per kind present; no totals row (sum the column). */
public final class CsvRenderer {
    static final List<String> HEADER = List.of("kind", "mappings", "size_kb", "rss_kb", "pss_kb", "dirty_kb",
            "swap_kb", "meaning");

    private CsvRenderer() {
    }

    /** Sizes that a maps file does not have are empty fields. */
    public static String render(Anatomy anatomy) {
        StringBuilder out = new StringBuilder(1024);
        Csv.record(out, HEADER);
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
            Csv.record(out, fields);
        }
        return out.toString();
    }
}
