package vmtool.anatomy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;

import vmtool.model.MappingKind;
import vmtool.pages.CountColumn;
import vmtool.pages.PageCounts;
import vmtool.pages.PageReport;
import vmtool.pages.PagesJson;
import vmtool.pages.PagesText;
import vmtool.pages.ReadMethod;
import vmtool.terminal.TextWidth;

/**
 * {@code anatomy --pages}: the real state of each kind's pages (present, swapped, untouched, zero, huge, exclusive,
 * shared, file, anonymous; for root frames mapped twice and KSM), read from the process's pagemap, under the
 * anatomy's own table. The columns are {@code vmtool pages}'s ({@link CountColumn}), so both say the same.
 */
public final class PagesSection {
    private PagesSection() {
    }

    /** The section for people, fitted to {@code columns} when above 0. */
    public static String text(PageReport report, int columns) {
        StringBuilder out = new StringBuilder(2048);
        String heading = "pages of each kind (kB), read with " + method(report) + "; '-': not known"
                + (report.zeroAndHugeKnown() ? "" : " (zero and huge pages need PAGEMAP_SCAN, Linux 6.7+, or root)")
                + ":";
        if (columns > 0) {
            for (String line : TextWidth.wrap(heading, columns)) {
                out.append(line).append('\n');
            }
        } else {
            out.append(heading).append('\n');
        }
        try {
            new PagesText(columns).kinds(report, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    /** The pagemap reading that was used, for people. */
    static String method(PageReport report) {
        return report.method() == ReadMethod.PAGEMAP_SCAN ? "PAGEMAP_SCAN and pagemap" : "pagemap";
    }

    /** The CSV columns added to each kind's row: the counts' keys. */
    static List<String> csvHeader(PageReport report) {
        List<String> header = new ArrayList<>();
        for (CountColumn column : CountColumn.of(report)) {
            header.add("pages_" + column.key());
        }
        return header;
    }

    /** This kind's counts as CSV fields (empty when not known). */
    static List<String> csvFields(PageReport report, MappingKind kind) {
        PageCounts counts = report.byKind().get(kind);
        List<String> fields = new ArrayList<>();
        for (CountColumn column : CountColumn.of(report)) {
            long kb = counts == null ? 0 : column.kb(counts);
            fields.add(kb < 0 ? "" : Long.toString(kb));
        }
        return fields;
    }

    /**
     * The {@code pages} member of anatomy's JSON: how the pages were read, and each kind's counts and the total under
     * the keys of {@code vmtool pages --json}.
     */
    static void json(JsonWriter json, PageReport report) throws IOException {
        json.name("pages").beginObject();
        json.name("method").value(report.method().id());
        json.name("frames").value(report.frames());
        json.name("page_size_kb").value(report.pageSize() / 1024);
        json.name("kinds").beginArray();
        for (Map.Entry<MappingKind, PageCounts> kind : report.byKind().entrySet()) {
            json.beginObject();
            json.name("kind").value(kind.getKey().id());
            PagesJson.counts(json, List.of(CountColumn.values()), kind.getValue());
            json.endObject();
        }
        json.endArray();
        json.name("total").beginObject();
        PagesJson.counts(json, List.of(CountColumn.values()), report.total());
        json.endObject();
        json.endObject();
    }
}
