package vmtool.ps;

import java.io.IOException;
import java.io.StringWriter;

import com.google.gson.stream.JsonWriter;

import vmtool.export.JsonConvention;
import vmtool.programs.Group;
import vmtool.programs.ProcessSummary;
import vmtool.programs.Rollup;
import vmtool.programs.RollupField;
import vmtool.programs.Totals;

/**
 * {@code vmtool ps --json}: convention v2 (docs/json.md), schema {@code docs/schema/ps.schema.json}. Sizes are kB
 * numbers in members ending {@code _kb}; a field this kernel's smaps_rollup lacks is null; text the process controls
 * is a string, or base64 in a {@code _bytes} member when it is not UTF-8.
 */
public final class PsJson {

    private PsJson() {
    }

    public static String render(PsReport report) {
        StringWriter text = new StringWriter(1 << 14);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            JsonConvention.begin(json, "ps");
            json.name("source").value(report.source());
            json.name("saved").value(report.saved());
            json.name("by").value(report.options().by().id());
            json.name("tree").value(report.options().tree());
            json.name("sort").value(report.options().sort().id());
            json.name("rows").beginArray();
            for (PsReport.Row row : report.rows()) {
                if (row.group() != null) {
                    group(json, row);
                } else {
                    process(json, row.process(), row.user(), row.depth());
                }
            }
            json.endArray();
            json.name("total").beginObject();
            json.name("process_count").value(report.totals().processes());
            sizes(json, report.totals());
            json.endObject();
            json.name("unreadable").beginArray();
            for (ProcessSummary process : report.denied()) {
                json.beginObject();
                json.name("pid").value(process.pid());
                json.name("uid").value(process.uid() == ProcessSummary.UNKNOWN_UID ? null
                        : Long.valueOf(Integer.toUnsignedLong(process.uid())));
                JsonConvention.byteText(json, "name", process.comm());
                json.endObject();
            }
            json.endArray();
            json.name("read_as_root").value(report.asRoot());
            json.name("exited_while_read").value(report.exited());
            json.name("without_memory").value(report.noMemory());
            json.endObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private static void process(JsonWriter json, ProcessSummary process, String user, int depth)
            throws IOException {
        json.beginObject();
        json.name("pid").value(process.pid());
        json.name("ppid").value(process.ppid());
        json.name("uid").value(Integer.toUnsignedLong(process.uid()));
        JsonConvention.byteText(json, "user", user);
        JsonConvention.byteText(json, "name", process.comm());
        if (process.executable().known()) {
            JsonConvention.byteText(json, "executable", process.executable().path());
            json.name("executable_deleted").value(process.executable().deleted());
        } else {
            json.name("executable").nullValue();
            json.name("executable_deleted").nullValue();
        }
        JsonConvention.byteText(json, "command_line", process.commandLine());
        json.name("depth").value(depth);
        sizes(json, Totals.of(java.util.List.of(process)));
        json.endObject();
    }

    private static void group(JsonWriter json, PsReport.Row row) throws IOException {
        Group group = row.group();
        json.beginObject();
        JsonConvention.byteText(json, "label", group.label());
        JsonConvention.byteText(json, "user", row.user());
        json.name("process_count").value(group.processes().size());
        json.name("pids").beginArray();
        for (ProcessSummary process : group.processes()) {
            json.value(process.pid());
        }
        json.endArray();
        sizes(json, group.totals());
        json.endObject();
    }

    /** The mapping count, USS, then every rollup field (null when this kernel lacks it). */
    private static void sizes(JsonWriter json, Totals totals) throws IOException {
        Rollup rollup = totals.rollup();
        json.name("mapping_count").value(totals.mappings());
        json.name("uss_kb").value(rollup.ussKb());
        for (RollupField field : RollupField.values()) {
            json.name(field.jsonName());
            if (rollup.has(field)) {
                json.value(rollup.kb(field).getAsLong());
            } else {
                json.nullValue();
            }
        }
    }
}
