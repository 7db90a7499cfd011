package vmtool.export;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalInt;

import com.google.gson.stream.JsonWriter;

import vmtool.model.AddressSpace;
import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Permissions;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * vmtool's JSON snapshot of an address space (docs/json.md): written as a stream (one mapping per line, no copy of
 * the whole document in memory), read back into the same {@link AddressSpace}, so that every pmap mode prints from
 * it what it printed from the live process.
 */
public final class JsonSnapshot {
    /** What the {@code format} member says. */
    public static final String FORMAT = "vmtool-address-space";
    /** Raised when the meaning of a member changes or a member is removed; adding members keeps it. */
    public static final int SCHEMA_VERSION = 1;

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
        json.beginObject();
        json.name("format").value(FORMAT);
        json.name("schema_version").value(SCHEMA_VERSION);
        json.name("time").value(time.toString());
        json.name("source").value(space.source());
        json.name("read_from").value(space.hasFields() ? "smaps" : "maps");
        ProcessInfo process = space.process();
        json.name("process").beginObject();
        json.name("pid").value(process.pid());
        json.name("tgid").value(process.tgid());
        byteText(json, "cmdline", process.cmdline());
        byteText(json, "comm", process.comm());
        json.name("state").value(String.valueOf(process.state()));
        json.name("start_stack").value(Long.toHexString(process.startStack()));
        json.endObject();
        json.name("shm_minor");
        if (shmMinor.isPresent()) {
            json.value(shmMinor.getAsInt());
        } else {
            json.nullValue();
        }
        json.name("mapping_count").value(space.mappings().size());
        json.name("mappings").beginArray();
        SmapsObject keys = new SmapsObject();
        for (Region region : space.regions()) {
            // One mapping per line: a reader's error names a line a person can find. (JsonWriter keeps nothing back
            // between values, so the newline lands after the last mapping and before the next one's comma.)
            text.write('\n');
            writeMapping(json, region, keys);
        }
        json.endArray();
        json.endObject();
        json.flush();
        text.write('\n');
        text.flush();
    }

    private static void writeMapping(JsonWriter json, Region region, SmapsObject keys) throws IOException {
        Mapping mapping = region.mapping();
        json.beginObject();
        json.name("start").value(mapping.startText());
        json.name("end").value(hex8(mapping.end()));
        json.name("size_kb").value(mapping.sizeKb());
        json.name("perms").value(mapping.perms().text());
        json.name("offset").value(mapping.offsetText());
        json.name("device").value(mapping.device().text());
        json.name("inode");
        if (isCanonicalDecimal(mapping.inodeText())) {
            json.jsonValue(mapping.inodeText()); // exactly the kernel's digits, even beyond 2^63
        } else {
            json.value(mapping.inodeText());
        }
        byteText(json, "name", mapping.name());
        json.name("kind").value(region.kind().id());
        byteText(json, "label", region.label());
        json.name("tid").value(region.tid());
        json.name("deleted").value(region.deleted());
        json.name("hugetlb").value(region.hugetlb());
        SmapsFields fields = mapping.fields();
        if (fields.size() > 0) {
            json.name("smaps").jsonValue(keys.object(fields));
        }
        json.name("vm_flags");
        if (mapping.vmFlags() == null) {
            json.nullValue();
        } else {
            json.value(mapping.vmFlags());
        }
        json.endObject();
    }

    /**
     * The smaps object of a mapping as JSON text, its keys quoted once per key list (shared by the mappings of a
     * file): quoting 25 keys per mapping through the writer was most of the time a snapshot of 60,000 took.
     */
    private static final class SmapsObject {
        private List<String> names;
        private String[] prefixes;
        private final StringBuilder text = new StringBuilder(1024);

        String object(SmapsFields fields) throws IOException {
            if (fields.names() != names) {
                names = fields.names();
                prefixes = new String[names.size()];
                for (int i = 0; i < prefixes.length; i++) {
                    StringWriter quoted = new StringWriter();
                    new JsonWriter(quoted).value(names.get(i)).close();
                    prefixes[i] = (i == 0 ? "{" : ",") + quoted + ":";
                }
            }
            text.setLength(0);
            for (int i = 0; i < prefixes.length; i++) {
                text.append(prefixes[i]).append(fields.value(i));
            }
            return text.append('}').toString();
        }
    }

    /** {@code key} with the text when the bytes are valid UTF-8, else {@code key_bytes} with them in base64. */
    private static void byteText(JsonWriter json, String key, String byteText) throws IOException {
        String unicode = ByteText.utf8OrNull(byteText);
        if (unicode != null) {
            json.name(key).value(unicode);
        } else {
            json.name(key + "_bytes").value(Base64.getEncoder().encodeToString(ByteText.bytes(byteText)));
        }
    }

    /** As the kernel writes an address: lower-case hex, at least 8 digits. */
    static String hex8(long value) {
        String hex = Long.toHexString(value);
        return hex.length() >= 8 ? hex : "00000000".substring(hex.length()) + hex;
    }

    private static boolean isCanonicalDecimal(String text) {
        if (text.isEmpty() || (text.length() > 1 && text.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- reading ----

    /**
     * Reads a snapshot written by {@link #write}. Members it does not know are skipped (a later writer of the same
     * schema version may add some); a higher schema version is refused.
     *
     * @param name names the file in messages
     * @throws MalformedSnapshot when the text is not such a snapshot
     * @throws IOException       when the stream cannot be read
     */
    public static Snapshot read(InputStream in, String name) throws IOException, MalformedSnapshot {
        Utf8JsonReader json = new Utf8JsonReader(in);
        try {
            Snapshot snapshot = new Reading(json, name).snapshot();
            boolean more;
            try {
                more = json.peek() != Utf8JsonReader.Token.END_DOCUMENT;
            } catch (Utf8JsonReader.Malformed e) {
                more = true;
            }
            if (more) {
                throw new Invalid("text after the end of the snapshot");
            }
            return snapshot;
        } catch (Invalid | Utf8JsonReader.Malformed e) {
            throw new MalformedSnapshot(located(name, json, e.getMessage()));
        } catch (EOFException e) {
            throw new MalformedSnapshot(located(name, json, "the snapshot ends too early (truncated?)"));
        }
    }

    /** {@code FILE: line N: what (column C, at PATH)}, from where the reader stands. */
    private static String located(String name, Utf8JsonReader json, String what) {
        return name + ": line " + json.line() + ": " + what + " (column " + json.column() + ", at " + json.path()
                + ")";
    }

    /** A member that is present but wrong; carries what is wrong. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** One reading of one document. */
    private static final class Reading {
        private final Utf8JsonReader json;
        private final String name;
        /** The keys of the last smaps object, shared by the mappings that have the same (as the parser does). */
        private List<String> lastKeys = List.of();
        private long[] values = new long[32];
        /** One String for every equal name, label or flag list, as the smaps parser keeps them. */
        private final HashMap<String, String> sharedStrings = new HashMap<>();

        Reading(Utf8JsonReader json, String name) {
            this.json = json;
            this.name = name;
        }

        Snapshot snapshot() throws IOException, Invalid {
            json.beginObject();
            String format = null;
            int version = -1;
            String time = "";
            String source = name;
            String readFrom = null;
            ProcessInfo process = null;
            OptionalInt shmMinor = OptionalInt.empty();
            List<Mapping> mappings = null;
            List<Region> regions = null;
            while (json.hasNext()) {
                String key = json.nextName();
                switch (key) {
                    case "format" -> format = string();
                    case "schema_version" -> {
                        version = json.nextInt();
                        if (version > SCHEMA_VERSION) {
                            throw new Invalid("schema version " + version + " is newer than this vmtool reads ("
                                    + SCHEMA_VERSION + "): use a newer vmtool");
                        }
                    }
                    case "time" -> time = string();
                    case "source" -> source = string();
                    case "read_from" -> {
                        readFrom = string();
                        if (!readFrom.equals("smaps") && !readFrom.equals("maps")) {
                            throw new Invalid("read_from is '" + readFrom + "', not smaps or maps");
                        }
                    }
                    case "process" -> process = process();
                    case "shm_minor" -> {
                        if (json.peek() == Utf8JsonReader.Token.NULL) {
                            json.nextNull();
                        } else {
                            shmMinor = OptionalInt.of(json.nextInt());
                        }
                    }
                    case "mappings" -> {
                        mappings = new ArrayList<>();
                        regions = new ArrayList<>();
                        json.beginArray();
                        while (json.hasNext()) {
                            Region region = mapping();
                            mappings.add(region.mapping());
                            regions.add(region);
                        }
                        json.endArray();
                    }
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (!FORMAT.equals(format) || version < 0) {
                throw new Invalid("not a vmtool snapshot: no \"format\": \"" + FORMAT + "\" and schema_version");
            }
            if (process == null || mappings == null || readFrom == null) {
                throw new Invalid("the snapshot lacks " + (process == null ? "process" : mappings == null
                        ? "mappings" : "read_from"));
            }
            boolean withFields = readFrom.equals("smaps");
            for (Mapping mapping : mappings) {
                if ((mapping.fields().size() > 0) != withFields) {
                    throw new Invalid("mapping " + mapping.startText() + (withFields ? " has no smaps fields"
                            : " has smaps fields") + ", but read_from is " + readFrom);
                }
            }
            return new Snapshot(new AddressSpace(process, name, true, mappings, regions), withFields, shmMinor,
                    time, source);
        }

        private ProcessInfo process() throws IOException, Invalid {
            int pid = 0;
            int tgid = 0;
            String cmdline = "";
            String comm = "";
            char state = '?';
            long startStack = 0;
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                switch (key) {
                    case "pid" -> pid = json.nextInt();
                    case "tgid" -> tgid = json.nextInt();
                    case "cmdline" -> cmdline = ByteText.fromUnicode(string());
                    case "cmdline_bytes" -> cmdline = base64(key);
                    case "comm" -> comm = ByteText.fromUnicode(string());
                    case "comm_bytes" -> comm = base64(key);
                    case "state" -> {
                        String text = string();
                        if (text.length() != 1) {
                            throw new Invalid("state is '" + text + "', not one letter");
                        }
                        state = text.charAt(0);
                    }
                    case "start_stack" -> startStack = hex(key, string());
                    default -> json.skipValue();
                }
            }
            json.endObject();
            return new ProcessInfo(pid, tgid == 0 ? pid : tgid, cmdline, comm, state, startStack);
        }

        private Region mapping() throws IOException, Invalid {
            String start = null;
            long end = -1;
            String perms = null;
            String offset = null;
            String device = null;
            String inode = null;
            String mappingName = null;
            MappingKind kind = null;
            String label = "";
            int tid = 0;
            SmapsFields fields = SmapsFields.none();
            String vmFlags = null;
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                switch (key) {
                    case "start" -> start = string();
                    case "end" -> end = hex(key, string());
                    case "perms" -> perms = string();
                    case "offset" -> offset = string();
                    case "device" -> device = string();
                    case "inode" -> inode = json.nextString(); // a number's own digits, or a string
                    case "name" -> mappingName = shared(ByteText.fromUnicode(string()));
                    case "name_bytes" -> mappingName = shared(base64(key));
                    case "kind" -> {
                        String id = string();
                        try {
                            kind = MappingKind.ofId(id);
                        } catch (IllegalArgumentException e) {
                            throw new Invalid("kind '" + id + "' is not a mapping kind this vmtool knows");
                        }
                    }
                    case "label" -> label = shared(ByteText.fromUnicode(string()));
                    case "label_bytes" -> label = shared(base64(key));
                    case "tid" -> tid = json.nextInt();
                    case "smaps" -> fields = fields();
                    case "vm_flags" -> {
                        if (json.peek() == Utf8JsonReader.Token.NULL) {
                            json.nextNull();
                        } else {
                            vmFlags = shared(string());
                        }
                    }
                    default -> json.skipValue(); // size_kb, deleted, hugetlb: derived, and added members
                }
            }
            if (start == null || end == -1 || perms == null || offset == null || device == null || inode == null
                    || mappingName == null || kind == null) {
                throw new Invalid("a mapping lacks one of start, end, perms, offset, device, inode, name, kind");
            }
            long startValue = hex("start", start);
            if (!isHex(offset)) {
                throw new Invalid("offset '" + offset + "' is not 1 to 16 hex digits");
            }
            if (inode.isEmpty() || inode.length() > 19 || !digits(inode)) {
                throw new Invalid("inode '" + inode + "' is not a decimal number");
            }
            Mapping mapping;
            try {
                mapping = new Mapping(startValue, end, start, Permissions.parse(perms), offset, Device.parse(device),
                        inode, mappingName, fields, vmFlags);
            } catch (IllegalArgumentException e) {
                throw new Invalid(e.getMessage());
            }
            json.endObject();
            return new Region(mapping, kind, label, tid);
        }

        /**
         * The smaps object: keys in the kernel's order, values whole numbers. The keys are compared with the last
         * object's as they come; only a mapping whose keys differ makes (and checks) a list of its own.
         */
        private SmapsFields fields() throws IOException, Invalid {
            List<String> keys = null; // while null, the keys so far are the first ones of lastKeys
            int count = 0;
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                if (keys == null && (count == lastKeys.size() || !lastKeys.get(count).equals(key))) {
                    keys = new ArrayList<>(lastKeys.subList(0, count));
                }
                if (keys != null) {
                    if (key.isEmpty() || key.indexOf(':') >= 0 || key.indexOf('\n') >= 0 || !ByteText.isAscii(key)) {
                        throw new Invalid("'" + key + "' is not an smaps key");
                    }
                    keys.add(key);
                }
                long value = json.nextLong();
                if (value < 0) {
                    throw new Invalid("smaps value " + value + " of " + key + " is negative");
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[count++] = value;
            }
            json.endObject();
            if (keys == null && count < lastKeys.size()) {
                keys = new ArrayList<>(lastKeys.subList(0, count));
            }
            if (keys != null) {
                lastKeys = Collections.unmodifiableList(keys);
            }
            return SmapsFields.of(lastKeys, values, count);
        }

        private String shared(String value) {
            String known = sharedStrings.putIfAbsent(value, value);
            return known != null ? known : value;
        }

        private String string() throws IOException, Invalid {
            if (json.peek() != Utf8JsonReader.Token.STRING) {
                throw new Invalid("expected a string, found " + json.peek());
            }
            return json.nextString();
        }

        private String base64(String key) throws IOException, Invalid {
            try {
                return ByteText.fromBytes(Base64.getDecoder().decode(string()));
            } catch (IllegalArgumentException e) {
                throw new Invalid(key + " is not base64");
            }
        }

        private long hex(String key, String text) throws Invalid {
            if (!isHex(text)) {
                throw new Invalid(key + " '" + text + "' is not 1 to 16 hex digits");
            }
            return Long.parseUnsignedLong(text, 16);
        }

        private static boolean isHex(String text) {
            if (text.isEmpty() || text.length() > 16) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                    return false;
                }
            }
            return true;
        }

        private static boolean digits(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
