package vmtool.ps;

import java.util.ArrayList;
import java.util.List;

import vmtool.export.Csv;
import vmtool.programs.Rollup;
import vmtool.programs.RollupField;

/**
 * {@code vmtool ps --csv}: RFC 4180, a header row, one record per row shown, no totals (a spreadsheet sums);
 * names as the kernel's bytes (byte text), as pmap's CSV writes them. Sizes in kB, every rollup field; a field this
 * kernel lacks is empty.
 */
public final class PsCsv {
    private PsCsv() {
    }

    public static String render(PsReport report) {
        boolean processes = report.options().by() == PsOptions.By.PROCESS;
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(processes ? List.of("pid", "ppid", "user", "name", "executable",
                "depth") : List.of("label", "user", "process_count", "pids"));
        header.addAll(List.of("mapping_count", "uss_kb"));
        for (RollupField field : RollupField.values()) {
            header.add(field.jsonName());
        }
        if (processes) {
            header.add("command_line");
        }
        Csv.record(out, header);
        for (PsReport.Row row : report.rows()) {
            List<String> record = new ArrayList<>();
            if (processes) {
                record.add(Integer.toString(row.process().pid()));
                record.add(Integer.toString(row.process().ppid()));
                record.add(row.user());
                record.add(row.process().comm());
                record.add(row.process().executable().known() ? row.process().executable().linkText() : "");
                record.add(Integer.toString(row.depth()));
            } else {
                record.add(row.group().label());
                record.add(row.user());
                record.add(Integer.toString(row.group().processes().size()));
                StringBuilder pids = new StringBuilder();
                for (var process : row.group().processes()) {
                    pids.append(pids.length() == 0 ? "" : " ").append(process.pid());
                }
                record.add(pids.toString());
            }
            Rollup rollup = row.totals().rollup();
            record.add(Long.toString(row.totals().mappings()));
            record.add(Long.toString(rollup.ussKb()));
            for (RollupField field : RollupField.values()) {
                record.add(rollup.has(field) ? Long.toString(rollup.kb(field).getAsLong()) : "");
            }
            if (processes) {
                record.add(row.process().commandLine());
            }
            Csv.record(out, record);
        }
        return out.toString();
    }
}
