package vmtool.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * One CSV row per mapping (docs/json.md, "CSV"): start, end, perms, offset, device, inode, name, kind, label, then
 * the smaps keys of the space (kB, as the kernel wrote them), then vm_flags. Addresses and offsets as in every
 * output of vmtool ({@code 0x...}); names are written as the kernel's bytes, so that valid UTF-8 stays UTF-8 and
 * other bytes stay what they were.
 */
public final class CsvTable {
    private static final List<String> LEADING = List.of("start", "end", "perms", "offset", "device", "inode", "name",
            "kind", "label");
    private static final int FLUSH_AT = 1 << 16;

    private CsvTable() {
    }

    /** Writes the header row and one row per mapping, in pieces (no copy of the whole table), and flushes. */
    public static void write(AddressSpace space, OutputStream out) throws IOException {
        List<String> keys = space.mappings().isEmpty() ? List.of() : space.mappings().get(0).fields().names();
        List<String> header = new ArrayList<>(LEADING);
        header.addAll(keys);
        header.add("vm_flags");
        StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
        Csv.record(text, header);
        List<String> row = new ArrayList<>(header.size());
        for (Region region : space.regions()) {
            Mapping mapping = region.mapping();
            row.clear();
            row.add(JsonConvention.address(mapping.start()));
            row.add(JsonConvention.address(mapping.end()));
            row.add(mapping.perms().text());
            row.add(JsonConvention.address(mapping.offset()));
            row.add(mapping.device().text());
            row.add(Long.toUnsignedString(mapping.inode()));
            row.add(mapping.name());
            row.add(region.kind().id());
            row.add(region.label());
            SmapsFields fields = mapping.fields();
            boolean sameKeys = fields.names() == keys || fields.names().equals(keys);
            for (int i = 0; i < keys.size(); i++) {
                long value = sameKeys ? fields.value(i) : fields.valueOf(keys.get(i));
                row.add(Long.toString(value));
            }
            row.add(mapping.vmFlags() == null ? "" : mapping.vmFlags());
            Csv.record(text, row);
            if (text.length() >= FLUSH_AT) {
                flush(text, out);
            }
        }
        flush(text, out);
        out.flush();
    }

    /** The text is one char per byte (names as the kernel wrote them); labels too. */
    private static void flush(StringBuilder text, OutputStream out) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        text.setLength(0);
    }
}
