package vmtool.pages;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;

import vmtool.export.JsonConvention;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;

/**
 * {@code vmtool pages --json}: convention v2 (docs/json.md), schema docs/schema/pages.schema.json. Counts in kB,
 * null when not known; addresses as {@code "0x…"} strings; names as {@code name} / {@code name_bytes}.
 */
public final class PagesJson {
    private PagesJson() {
    }

    /**
     * Writes the JSON to {@code out} as it is made (a 60,000-mapping process's is tens of MB as one string).
     *
     * @param needsRoot the line saying what only root sees, or null when this run is root's
     */
    public static void render(ProcessInfo process, PageReport report, String needsRoot, Writer out)
            throws IOException {
        JsonWriter json = new JsonWriter(out);
        {
            json.setSerializeNulls(true);
            JsonConvention.begin(json, "pages");
            json.name("pid").value(process.pid());
            JsonConvention.byteText(json, "command", process.comm());
            json.name("method").value(report.method().id());
            json.name("fallback").value(report.fallback());
            json.name("privileged").value(report.privileged());
            json.name("frames").value(report.frames());
            json.name("needs_root").value(needsRoot);
            json.name("page_size_kb").value(report.pageSize() / 1024);
            List<CountColumn> columns = List.of(CountColumn.values());
            json.name("mappings").beginArray();
            for (MappingPages mapping : report.mappings()) {
                PageTarget target = mapping.target();
                Mapping m = target.region().mapping();
                json.beginObject();
                json.name("start").value(hex(target.start()));
                json.name("end").value(hex(target.end()));
                json.name("mapping_start").value(hex(m.start()));
                json.name("mapping_end").value(hex(m.end()));
                json.name("perms").value(m.perms().text());
                json.name("kind").value(target.region().kind().id());
                JsonConvention.byteTextOrNull(json, "name", m.name());
                counts(json, columns, mapping.counts());
                if (!mapping.runs().isEmpty()) {
                    runs(json, mapping.runs(), report.pageSize());
                }
                json.endObject();
            }
            json.endArray();
            json.name("kinds").beginArray();
            for (Map.Entry<MappingKind, PageCounts> kind : report.byKind().entrySet()) {
                json.beginObject();
                json.name("kind").value(kind.getKey().id());
                counts(json, columns, kind.getValue());
                json.endObject();
            }
            json.endArray();
            json.name("total").beginObject();
            counts(json, columns, report.total());
            json.endObject();
            json.endObject();
            json.flush();
        }
        out.write('\n');
    }

    private static void counts(JsonWriter json, List<CountColumn> columns, PageCounts counts) throws IOException {
        for (CountColumn column : columns) {
            long kb = column.kb(counts);
            json.name(column.key());
            if (kb < 0) {
                json.nullValue();
            } else {
                json.value(kb);
            }
        }
        json.name("flags");
        if (counts.flagPages() == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        for (int bit = 0; bit < 64; bit++) {
            if (counts.flagPages().get(bit) > 0) {
                String name = KernelPageFlags.name(bit);
                json.name(name == null ? "bit" + bit : name).value(counts.flagPages().get(bit));
            }
        }
        json.endObject();
    }

    private static void runs(JsonWriter json, List<PageRun> runs, long pageSize) throws IOException {
        json.name("runs").beginArray();
        for (PageRun run : runs) {
            json.beginObject();
            json.name("start").value(hex(run.start()));
            json.name("end").value(hex(run.end()));
            json.name("pages").value(run.pages(pageSize));
            json.name("state").beginArray();
            for (String name : PageState.names(run.state())) {
                json.value(name);
            }
            json.endArray();
            if (run.firstFrame() >= 0) {
                json.name("first_frame").value(run.firstFrame());
            } else {
                json.name("first_frame").nullValue();
            }
            json.name("flags");
            if (run.flags() < 0) {
                json.nullValue();
            } else {
                json.beginArray();
                for (String name : KernelPageFlags.names(run.flags())) {
                    json.value(name);
                }
                json.endArray();
            }
            json.endObject();
        }
        json.endArray();
    }

    private static String hex(long address) {
        return JsonConvention.address(address);
    }
}
