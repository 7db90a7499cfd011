package vmtool.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import vmtool.export.Csv;
import vmtool.model.Mapping;

/**
 * {@code vmtool pages --csv}: a header row, then one row per mapping (or part asked for), counts in kB; a count not
 * known is an empty field. Names are the kernel's bytes.
 */
public final class PagesCsv {
    private PagesCsv() {
    }

    /** Writes the rows to {@code out}, each as it is made. */
    public static void render(PageReport report, Appendable out) throws IOException {
        List<CountColumn> columns = List.of(CountColumn.values());
        StringBuilder row = new StringBuilder(256);
        List<String> header = new ArrayList<>(List.of("start", "end", "perms", "kind"));
        for (CountColumn column : columns) {
            header.add(column.key());
        }
        header.add("name");
        out.append(Csv.record(row, header));
        for (MappingPages mapping : report.mappings()) {
            Mapping m = mapping.target().region().mapping();
            List<String> fields = new ArrayList<>(header.size());
            fields.add("0x" + Long.toHexString(mapping.target().start()));
            fields.add("0x" + Long.toHexString(mapping.target().end()));
            fields.add(m.perms().text());
            fields.add(mapping.target().region().kind().id());
            PageCounts counts = mapping.counts();
            for (CountColumn column : columns) {
                long kb = column.kb(counts);
                fields.add(kb < 0 ? "" : Long.toString(kb));
            }
            fields.add(m.name());
            row.setLength(0);
            out.append(Csv.record(row, fields));
        }
    }
}
