package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vmtool.JsonSchemaCheck;
import vmtool.model.MappingKind;

/**
 * The schema of {@code vmtool pmap --json} and {@code --csv} (docs/json.md), checked on the awkward helper: every
 * member there, names kept losslessly, and the totals of every field equal to the footer of {@code pmap -X} (vmtool's
 * and /usr/bin/pmap's: the helper is statically linked, so its Pss does not move).
 */
@Tag("slow")
class PmapJsonCsvTest extends AgainstReferencePmap {

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    /** The snapshot of the helper, which holds to its schema (docs/schema/address-space.schema.json). */
    private JsonObject snapshot() {
        RunResult run = VmtoolRunner.inProcess(List.of("--json", mapper.pidArg()));
        assertThat(run.status()).as(run.errText()).isZero();
        String text = new String(run.out(), StandardCharsets.UTF_8);
        JsonSchemaCheck.assertValid("address-space", text);
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void theSnapshotHasEveryMemberOfTheSchema() throws IOException {
        Instant before = Instant.now();
        JsonObject json = snapshot();

        assertThat(json.get("schema").getAsString()).isEqualTo("vmtool-address-space");
        assertThat(json.get("schema_version").getAsInt()).isEqualTo(2);
        assertThat(Instant.parse(json.get("time").getAsString())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(json.get("time").getAsString()).endsWith("Z");
        assertThat(json.get("source").getAsString()).isEqualTo("/proc/" + mapper.pid() + "/smaps");
        assertThat(json.get("read_from").getAsString()).isEqualTo("smaps");
        JsonObject process = json.getAsJsonObject("process");
        assertThat(process.get("pid").getAsLong()).isEqualTo(mapper.pid());
        assertThat(process.get("tgid").getAsLong()).isEqualTo(mapper.pid());
        // The helper's argv holds bytes that are not UTF-8: the command line is kept as base64.
        byte[] cmdline = Processes.readProc(Path.of("/proc", mapper.pidArg(), "cmdline"));
        assertThat(process.has("cmdline")).isFalse();
        assertThat(Base64.getDecoder().decode(process.get("cmdline_bytes").getAsString())).isEqualTo(cmdline);
        assertThat(process.get("comm").getAsString()).isNotEmpty();
        assertThat(process.get("state").getAsString()).hasSize(1);
        String stat = Processes.readProcString(Path.of("/proc", mapper.pidArg(), "stat"));
        String[] statFields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Long.decode(process.get("start_stack").getAsString()))
                .isEqualTo(Long.parseLong(statFields[28 - 3]));
        assertThat(json.get("shm_minor").isJsonNull()).as("the helper has a System V segment").isFalse();

        JsonArray mappings = json.getAsJsonArray("mappings");
        List<String> mapsLines = Processes.readProcString(Path.of("/proc", mapper.pidArg(), "maps")).lines().toList();
        assertThat(mappings).hasSize(mapsLines.size());
        assertThat(json.get("mapping_count").getAsInt()).isEqualTo(mapsLines.size());
        List<String> kernelKeys = kernelKeys();
        boolean sawBytes = false;
        for (int i = 0; i < mappings.size(); i++) {
            JsonObject m = mappings.get(i).getAsJsonObject();
            String[] words = mapsLines.get(i).split(" +", 6);
            String[] range = words[0].split("-");
            assertThat(m.get("start").getAsString()).isEqualTo(address(range[0]));
            assertThat(m.get("end").getAsString()).isEqualTo(address(range[1]));
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            assertThat(m.get("size_kb").getAsLong()).isEqualTo((end - start) / 1024);
            assertThat(m.get("perms").getAsString()).isEqualTo(words[1]);
            assertThat(m.get("offset").getAsString()).isEqualTo(address(words[2]));
            assertThat(m.get("device").getAsString()).isEqualTo(words[3]);
            assertThat(m.get("inode").getAsJsonPrimitive().isNumber()).isTrue();
            assertThat(m.get("inode").getAsString()).isEqualTo(words[4]);
            String kernelName = words.length > 5 ? words[5].stripLeading() : "";
            if (m.has("name_bytes")) {
                sawBytes = true;
                assertThat(m.has("name")).isFalse();
                assertThat(new String(Base64.getDecoder().decode(m.get("name_bytes").getAsString()),
                        StandardCharsets.ISO_8859_1)).isEqualTo(kernelName);
            } else {
                assertThat(m.get("name").getAsString().getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(kernelName.getBytes(StandardCharsets.ISO_8859_1));
            }
            MappingKind kind = MappingKind.ofId(m.get("kind").getAsString());
            assertThat(m.has("label") || m.has("label_bytes")).isTrue();
            assertThat(m.get("tid").isJsonNull() || m.get("tid").getAsInt() > 0).as("a thread id, or null").isTrue();
            assertThat(m.has("as_written")).as("the kernel's own text needs no as_written").isFalse();
            // Kernel-internal files (SysV segments, memfd, shared anonymous memory) always read "(deleted)".
            boolean internal = kind == MappingKind.SYSV_SHM || kind == MappingKind.MEMFD
                    || kind == MappingKind.SHARED_ANONYMOUS;
            assertThat(m.get("deleted").getAsBoolean()).isEqualTo(kernelName.endsWith(" (deleted)")
                    && kernelName.startsWith("/") && !internal);
            assertThat(m.get("hugetlb").getAsJsonPrimitive().isBoolean()).isTrue();
            assertThat(new ArrayList<>(m.getAsJsonObject("smaps").keySet())).isEqualTo(kernelKeys);
            assertThat(m.get("vm_flags").getAsString()).matches("[a-z0-9]{2}( [a-z0-9]{2})*");
        }
        assertThat(sawBytes).as("the helper maps a file whose name is not UTF-8").isTrue();
        assertThat(kindsOf(mappings)).contains("program", "stack", "sysv-shm", "memfd", "file", "vdso");
    }

    @Test
    void theSnapshotsTotalsAreThoseOfPmapX() {
        JsonArray mappings = snapshot().getAsJsonArray("mappings");
        Map<String, Long> sums = new HashMap<>();
        for (JsonElement element : mappings) {
            for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().getAsJsonObject("smaps").entrySet()) {
                sums.merge(field.getKey(), field.getValue().getAsLong(), Long::sum);
            }
        }
        for (RunResult x : List.of(ReferencePmap.run(List.of("-X", mapper.pidArg())),
                VmtoolRunner.inProcess(List.of("-X", mapper.pidArg())))) {
            ExtendedTable table = ExtendedTable.parse(new String(x.out(), StandardCharsets.ISO_8859_1).lines().toList());
            int inode = table.header().indexOf("Inode");
            for (int c = 0; c < table.numericColumns(); c++) {
                String key = table.header().get(inode + 1 + c);
                assertThat(sums.get(key)).as(key).isEqualTo(table.totals().get(c));
            }
            assertThat(table.numericColumns()).isGreaterThan(10);
        }
    }

    @Test
    void theCsvHasOneRowPerMappingWithTheTotalsOfPmapX() throws IOException {
        RunResult run = VmtoolRunner.inProcess(List.of("--csv", mapper.pidArg()));
        assertThat(run.status()).as(run.errText()).isZero();
        List<List<String>> records = parseCsv(new String(run.out(), StandardCharsets.ISO_8859_1));
        List<String> header = records.get(0);
        List<String> keys = kernelKeys();
        List<String> expected = new ArrayList<>(List.of("start", "end", "perms", "offset", "device", "inode",
                "name", "kind", "label"));
        expected.addAll(keys);
        expected.add("vm_flags");
        assertThat(header).isEqualTo(expected);
        List<String> mapsLines = Processes.readProcString(Path.of("/proc", mapper.pidArg(), "maps")).lines().toList();
        assertThat(records).hasSize(mapsLines.size() + 1);
        for (int i = 0; i < mapsLines.size(); i++) {
            List<String> row = records.get(i + 1);
            String[] words = mapsLines.get(i).split(" +", 6);
            assertThat(row).hasSize(expected.size());
            String[] range = words[0].split("-");
            assertThat(row.subList(0, 4)).containsExactly(address(range[0]), address(range[1]), words[1],
                    address(words[2]));
            assertThat(row.get(6)).isEqualTo(words.length > 5 ? words[5].stripLeading() : "");
        }
        ExtendedTable table = ExtendedTable.parse(new String(ReferencePmap.run(List.of("-X", mapper.pidArg())).out(),
                StandardCharsets.ISO_8859_1).lines().toList());
        int rss = header.indexOf("Rss");
        long sum = 0;
        for (List<String> row : records.subList(1, records.size())) {
            sum += Long.parseLong(row.get(rss));
        }
        assertThat(sum).isEqualTo(table.totals().get(table.header().indexOf("Rss") - table.header().indexOf("Inode")
                - 1));
        assertThat(records).anySatisfy(row -> assertThat(row.get(6)).endsWith("/file with spaces.dat"));
    }

    @Test
    void jsonAndCsvRefuseDisplayOptionsAndSeveralPids() {
        for (List<String> args : List.of(List.of("--json", "-X", mapper.pidArg()), List.of("--csv", "-q", mapper.pidArg()),
                List.of("--json", "--csv", mapper.pidArg()), List.of("--json", mapper.pidArg(), mapper.pidArg()),
                List.of("--json"), List.of("--csv", "--file", "x", mapper.pidArg()))) {
            RunResult run = VmtoolRunner.inProcess(args);
            assertThat(run.status()).as("%s", args).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.errText()).as("%s", args).hasLineCount(1).startsWith("vmtool pmap: ").contains("--help");
        }
    }

    @Test
    void jsonOfAProcessThatDoesNotExistIsPmapsStatus42() {
        RunResult run = VmtoolRunner.inProcess(List.of("--json", "2147483647"));
        assertThat(run.status()).isEqualTo(42);
        assertThat(run.out()).isEmpty();
        assertThat(run.errText()).hasLineCount(1).contains("no process with PID 2147483647");
    }

    private List<String> kernelKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        List<String> lines = Processes.readProcString(Path.of("/proc", mapper.pidArg(), "smaps")).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("VmFlags:") || !line.contains(":") || line.matches("^[0-9a-f]+-.*")) {
                break;
            }
            keys.add(line.substring(0, line.indexOf(':')));
        }
        return keys;
    }

    /** The kernel's hex (at least 8 digits) as every JSON and CSV output of vmtool writes it: 0x, no padding. */
    private static String address(String kernelHex) {
        return "0x" + Long.toHexString(Long.parseUnsignedLong(kernelHex, 16));
    }

    private static List<String> kindsOf(JsonArray mappings) {
        List<String> kinds = new ArrayList<>();
        for (JsonElement m : mappings) {
            kinds.add(m.getAsJsonObject().get("kind").getAsString());
        }
        return kinds;
    }

    /** RFC 4180, read independently of vmtool's writer: CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("a bare CR or LF outside quotes at %d", i).isNotIn('\r', '\n');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("the last record ends with CRLF").isEmpty();
        return records;
    }
}
