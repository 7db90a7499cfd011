package vmtool.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import com.google.gson.stream.JsonWriter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

import org.junit.jupiter.api.Test;

import vmtool.model.AddressSpace;
import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Permissions;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.SmapsFields;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * The snapshot writer builds each mapping's object as text (JsonSnapshot.MappingObject) for speed; here each object is
 * held, char for char, to the same object written member by member through Gson's JsonWriter and JsonConvention, as
 * the other outputs write theirs: on this JVM's own address space, and on mappings with any bytes in their names,
 * labels and flags, and start, offset and inode written otherwise than the kernel writes them.
 */
class JsonSnapshotTest {
    private static final Instant TIME = Instant.parse("2026-12-02T03:45:15.613596922Z");

    @Test
    void thisJvmsAddressSpaceIsWrittenAsJsonWriterWritesIt() throws ProcException, IOException {
        ProcFs procFs = ProcFs.system();
        ProcessInfo self = procFs.process((int) ProcessHandle.current().pid()).orElseThrow();
        AddressSpace space = procFs.addressSpace(self, true, procFs.facts(self));
        assertThat(space.mappings()).hasSizeGreaterThan(20);
        assertThat(written(space, OptionalInt.of(1))).isEqualTo(oracle(space));
    }

    @Property(tries = 400)
    void anyNameLabelAndFlagsAreWrittenAsJsonWriterWritesThem(
            @ForAll @CharRange(from = 0, to = 255) @StringLength(max = 40) String name,
            @ForAll @CharRange(from = 0, to = 0x2100) @StringLength(max = 20) String label,
            @ForAll @WithNull @CharRange(from = 0, to = 255) @StringLength(max = 30) String vmFlags,
            @ForAll @CharRange(from = 0, to = 255) @StringLength(min = 1, max = 12) String inodeText,
            @ForAll boolean shared) throws IOException {
        SmapsFields fields = SmapsFields.of(List.of("Size", "Rss", "Weird \"key\"\u0001"),
                new long[] {8, 4, Long.MAX_VALUE});
        Mapping odd = Mapping.of(0x7f0000000000L, 0x7f0000002000L, null,
                Permissions.parse(shared ? "rw-s" : "r-xp"), 0x2000, null, Device.parse("fe:00"), 77, inodeText,
                name, fields, vmFlags);
        Mapping plain = Mapping.of(0x7f0000002000L, 0x7f0000003000L, "7f0000002000", Permissions.parse("---p"), 0,
                "00000000", Device.parse("00:00"), 0, "0", "", SmapsFields.none(), null);
        List<Region> regions = new ArrayList<>(List.of(new Region(odd, MappingKind.FILE, label, 4242),
                new Region(plain, MappingKind.GUARD, "", 0)));
        AddressSpace space = new AddressSpace(new ProcessInfo(1, 1, name, label, 'S', 0), "saved " + name, true,
                List.of(odd, plain), regions);
        assertThat(written(space, OptionalInt.empty())).isEqualTo(oracle(space));
    }

    /** The snapshot's mapping lines, as JsonSnapshot writes them: one object per line, after the head line. */
    private static List<String> written(AddressSpace space, OptionalInt shmMinor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonSnapshot.write(space, shmMinor, TIME, out);
        List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
        assertThat(lines.get(0)).endsWith("\"mappings\":[");
        String last = lines.get(lines.size() - 1);
        assertThat(last).endsWith("]}");
        lines.set(lines.size() - 1, last.substring(0, last.length() - 2)); // the array's and the document's ends
        List<String> objects = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            objects.add(objects.isEmpty() ? line : line.substring(1)); // the comma before each but the first
        }
        return objects;
    }

    /** The same objects as JsonSnapshot wrote them before: every member through JsonWriter. */
    private static List<String> oracle(AddressSpace space) throws IOException {
        List<String> objects = new ArrayList<>();
        for (Region region : space.regions()) {
            StringWriter text = new StringWriter();
            JsonWriter json = new JsonWriter(text);
            json.setHtmlSafe(false);
            mapping(json, region);
            json.close();
            objects.add(text.toString());
        }
        return objects;
    }

    private static void mapping(JsonWriter json, Region region) throws IOException {
        Mapping mapping = region.mapping();
        json.beginObject();
        json.name("start").value(JsonConvention.address(mapping.start()));
        json.name("end").value(JsonConvention.address(mapping.end()));
        json.name("size_kb").value(mapping.sizeKb());
        json.name("perms").value(mapping.perms().text());
        json.name("offset").value(JsonConvention.address(mapping.offset()));
        json.name("device").value(mapping.device().text());
        json.name("inode").jsonValue(Long.toUnsignedString(mapping.inode()));
        JsonConvention.byteText(json, "name", mapping.name());
        json.name("kind").value(region.kind().id());
        JsonConvention.byteTextOrNull(json, "label", region.label());
        JsonConvention.tid(json, region.tid());
        json.name("deleted").value(region.deleted());
        json.name("hugetlb").value(region.hugetlb());
        SmapsFields fields = mapping.fields();
        json.name("smaps");
        if (fields.size() > 0) {
            json.beginObject();
            for (int i = 0; i < fields.size(); i++) {
                json.name(fields.name(i)).value(fields.value(i));
            }
            json.endObject();
        } else {
            json.nullValue();
        }
        json.name("vm_flags");
        if (mapping.vmFlags() == null) {
            json.nullValue();
        } else {
            json.value(mapping.vmFlags());
        }
        if (!mapping.inKernelForm()) {
            json.name("as_written").beginObject();
            json.name("start").value(mapping.startText());
            json.name("offset").value(mapping.offsetText());
            json.name("inode").value(mapping.inodeText());
            json.endObject();
        }
        json.endObject();
    }
}
