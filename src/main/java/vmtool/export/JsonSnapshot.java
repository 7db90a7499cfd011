package vmtool.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

import com.google.gson.stream.JsonWriter;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * vmtool's JSON snapshot of an address space (docs/json.md): written as a stream (one mapping per line, no copy of
 * the whole document in memory), read back into the same {@link AddressSpace}, so that every pmap mode prints from
 * it what it printed from the live process.
 */
public final class JsonSnapshot {
    /** What the {@code schema} member says (version 1 said it in {@code format}). */
    public static final String SCHEMA = JsonConvention.schema("address-space");
    /** The version written; version 1 is read too (docs/json.md, "Version 1 snapshots still read"). */
    public static final int SCHEMA_VERSION = JsonConvention.SCHEMA_VERSION;

    private JsonSnapshot() {
    }

    /**
     * A snapshot as read.
     *
     * @param space      the address space (its source: the snapshot's file), with the process as it was (pid 0:
     *                   made from a saved file, no process known) and each region's saved kind
     * @param withFields whether the mappings were read from smaps (with fields), not from maps
     * @param shmMinor   the System V shared memory device minor of the machine it was taken on, when it was known
     * @param time       when it was taken, as written
     * @param origin     where its mappings were read when it was taken ({@code /proc/PID/smaps}, a saved file)
     */
    public record Snapshot(AddressSpace space, boolean withFields, OptionalInt shmMinor, String time, String origin) {
    }

    /** The text is not a snapshot vmtool can read; the message names the file, the line and what is wrong. */
    public static final class MalformedSnapshot extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedSnapshot(String message) {
            super(message);
        }
    }

    // ---- writing ----

    /**
     * Writes the snapshot of {@code space} to {@code out} (UTF-8), and flushes it.
     *
     * @param shmMinor what pmap needs to name System V segments; empty when not known or not needed
     * @param time     when the space was read
     */
    public static void write(AddressSpace space, OptionalInt shmMinor, Instant time, OutputStream out)
            throws IOException {
        Writer text = new Utf8Writer(out);
        JsonWriter json = new JsonWriter(text);
        json.setHtmlSafe(false);
        json.setSerializeNulls(true);
        JsonConvention.begin(json, "address-space");
        json.name("time").value(time.toString());
        json.name("source").value(space.source());
        json.name("read_from").value(space.hasFields() ? "smaps" : "maps");
        process(json, space.process());
        json.name("shm_minor");
        if (shmMinor.isPresent()) {
            json.value(shmMinor.getAsInt());
        } else {
            json.nullValue();
        }
        json.name("mapping_count").value(space.mappings().size());
        json.name("mappings").beginArray();
        MappingObject objects = new MappingObject();
        for (Region region : space.regions()) {
            // One mapping per line: a reader's error names a line a person can find. (JsonWriter keeps nothing back
            // between values, so the newline lands after the last mapping and before the next one's comma.)
            text.write('\n');
            json.jsonValue(objects.of(region));
        }
        json.endArray();
        json.endObject();
        json.flush();
        text.write('\n');
        text.flush();
    }

    /**
     * The process: its ids, command line, comm and state, null when no process is known (a snapshot of a saved
     * smaps or maps); the main stack's start, null when unknown (hidden from the reader, or none found in a file).
     */
    private static void process(JsonWriter json, ProcessInfo process) throws IOException {
        json.name("process").beginObject();
        boolean known = process.pid() != 0;
        if (known) {
            json.name("pid").value(process.pid());
            json.name("tgid").value(process.tgid());
            JsonConvention.byteText(json, "cmdline", process.cmdline());
            JsonConvention.byteText(json, "comm", process.comm());
            json.name("state").value(String.valueOf(process.state()));
        } else {
            for (String key : new String[] {"pid", "tgid", "cmdline", "comm", "state"}) {
                json.name(key).nullValue();
            }
        }
        json.name("start_stack");
        if (process.startStack() == 0) {
            json.nullValue();
        } else {
            json.value(JsonConvention.address(process.startStack()));
        }
        json.endObject();
    }

    /**
     * A mapping's JSON object as text, made without a JsonWriter call per member: the keys are constants, numbers
     * are appended as digits (JsonWriter makes a String of each), and a string goes through Gson's quoting only when
     * it holds a character that JSON escapes or that is not ASCII. The text is what JsonWriter wrote, byte for byte
     * (JsonSnapshotTest); writing members one by one through it was half the time a snapshot of 60,000 took.
     */
    private static final class MappingObject {
        private final StringBuilder text = new StringBuilder(2048);
        private List<String> names;
        private String[] smapsKeys;

        String of(Region region) throws IOException {
            Mapping mapping = region.mapping();
            text.setLength(0);
            text.append("{\"start\":\"0x").append(Long.toHexString(mapping.start()));
            text.append("\",\"end\":\"0x").append(Long.toHexString(mapping.end()));
            text.append("\",\"size_kb\":").append(mapping.sizeKb());
            text.append(",\"perms\":");
            string(mapping.perms().text());
            text.append(",\"offset\":\"0x").append(Long.toHexString(mapping.offset()));
            text.append("\",\"device\":");
            string(mapping.device().text());
            text.append(",\"inode\":").append(Long.toUnsignedString(mapping.inode()));
            byteText("name", mapping.name());
            text.append(",\"kind\":");
            string(region.kind().id());
            if (region.label().isEmpty()) {
                text.append(",\"label\":null");
            } else {
                byteText("label", region.label());
            }
            text.append(",\"tid\":");
            if (region.tid() == 0) {
                text.append("null");
            } else {
                text.append(region.tid());
            }
            text.append(",\"deleted\":").append(region.deleted());
            text.append(",\"hugetlb\":").append(region.hugetlb());
            SmapsFields fields = mapping.fields();
            text.append(",\"smaps\":");
            if (fields.size() > 0) {
                smaps(fields);
            } else {
                text.append("null");
            }
            text.append(",\"vm_flags\":");
            if (mapping.vmFlags() == null) {
                text.append("null");
            } else {
                string(mapping.vmFlags());
            }
            if (!mapping.inKernelForm()) {
                // A saved file wrote them otherwise than the kernel does; pmap prints them as written.
                text.append(",\"as_written\":{\"start\":");
                string(mapping.startText());
                text.append(",\"offset\":");
                string(mapping.offsetText());
                text.append(",\"inode\":");
                string(mapping.inodeText());
                text.append('}');
            }
            return text.append('}').toString();
        }

        /** The smaps object: its keys quoted once per key list (which the mappings of a file share). */
        private void smaps(SmapsFields fields) throws IOException {
            if (fields.names() != names) {
                names = fields.names();
                smapsKeys = new String[names.size()];
                for (int i = 0; i < smapsKeys.length; i++) {
                    smapsKeys[i] = (i == 0 ? "{" : ",") + quoted(names.get(i)) + ":";
                }
            }
            for (int i = 0; i < smapsKeys.length; i++) {
                text.append(smapsKeys[i]).append(fields.value(i));
            }
            text.append('}');
        }

        /** {@code ,"key":"text"} when the bytes are valid UTF-8, else {@code ,"key_bytes":"base64"}. */
        private void byteText(String key, String byteText) throws IOException {
            String unicode = ByteText.utf8OrNull(byteText);
            if (unicode != null) {
                text.append(",\"").append(key).append("\":");
                string(unicode);
            } else {
                text.append(",\"").append(key).append("_bytes\":");
                string(Base64.getEncoder().encodeToString(ByteText.bytes(byteText)));
            }
        }

        /** A JSON string: as it is, quoted, when it is printable ASCII without quote or backslash; else Gson's. */
        private void string(String value) throws IOException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    text.append(quoted(value));
                    return;
                }
            }
            text.append('"').append(value).append('"');
        }

        private static String quoted(String value) throws IOException {
            StringWriter quoted = new StringWriter();
            new JsonWriter(quoted).value(value).close();
            return quoted.toString();
        }
    }

    // ---- reading ----

    /**
     * Reads a snapshot written by {@link #write}, or by a vmtool that wrote version 1. Members it does not know are
     * skipped (a later writer of the same schema version may add some); a higher schema version is refused.
     *
     * @param name names the file in messages
     * @throws MalformedSnapshot when the text is not such a snapshot
     * @throws IOException       when the stream cannot be read
     */
    public static Snapshot read(InputStream in, String name) throws IOException, MalformedSnapshot {
        return SnapshotReader.read(in, name); // a class of its own: Jackson loads only when a snapshot is read
    }
}
