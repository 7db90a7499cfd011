package vmtool.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;

import vmtool.export.JsonSnapshot.MalformedSnapshot;
import vmtool.export.JsonSnapshot.Snapshot;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Permissions;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.pages.CountColumn;
import vmtool.pages.KernelPageFlags;
import vmtool.pages.PageCounts;
import vmtool.pages.PageRun;
import vmtool.pages.ReadMethod;
import vmtool.pages.SavedPages;
import vmtool.model.SmapsFields;

/**
 * Reads a JSON snapshot ({@link JsonSnapshot#read}) with jackson-core's streaming parser over the bytes. Its own
 * class, so that Jackson loads only when a snapshot is read, not when one is written.
 */
final class SnapshotReader {
    /** The longest string a snapshot may hold (docs/json.md). */
    static final int MAX_STRING_CHARS = 1 << 20;

    /**
     * Strict JSON (RFC 8259): no comments, quotes other than double, unquoted names, trailing commas, missing values,
     * leading zeros, NaN, unescaped control characters or unknown escapes. Those are Jackson's defaults, said here
     * one call each: in 2.22.3 the varargs {@code disable(JsonReadFeature, JsonReadFeature...)} enables all but its
     * first argument (SnapshotReaderTest would see it). Duplicate members are not refused (the last one counts), as
     * before Jackson. Text after the document is refused by {@link #read}.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller closes its stream
            // A snapshot's longest string is the command line: at most 128 KiB, as base64 a third more. A far longer one
            // is refused before it fills the heap (Jackson's default allows 20 million chars).
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build();

    private static final String TRUNCATED = "the snapshot ends too early (truncated?)";

    private SnapshotReader() {
    }

    static Snapshot read(InputStream in, String name) throws IOException, MalformedSnapshot {
        try (JsonParser json = FACTORY.createParser(in)) {
            try {
                if (!(json instanceof UTF8StreamJsonParser)) {
                    // Jackson reads UTF-16 and UTF-32 too, through a Reader; a snapshot is UTF-8.
                    throw new Invalid("not UTF-8");
                }
                Snapshot snapshot = new Reading(json, name).snapshot();
                boolean more;
                try {
                    more = json.nextToken() != null;
                } catch (JsonProcessingException e) {
                    more = true;
                }
                if (more) {
                    throw new Invalid("text after the end of the snapshot");
                }
                return snapshot;
            } catch (JsonEOFException e) {
                throw new MalformedSnapshot(located(name, json, TRUNCATED));
            } catch (JsonProcessingException e) {
                throw new MalformedSnapshot(located(name, json, "not valid JSON: " + what(e)));
            } catch (Invalid e) {
                throw new MalformedSnapshot(located(name, json, e.getMessage()));
            }
        }
    }

    /** {@code FILE: line N: what (column C, at POINTER)}, from where the parser stands. */
    private static String located(String name, JsonParser json, String what) {
        JsonLocation where = json.currentLocation();
        String pointer = json.getParsingContext().pathAsPointer().toString();
        return name + ": line " + where.getLineNr() + ": " + what + " (column " + where.getColumnNr()
                + (pointer.isEmpty() ? "" : ", at " + pointer) + ")";
    }

    /**
     * Jackson's message without its location (said by {@link #located}) on one line: some messages name a start
     * marker's location ("(for Object starting at [Source: ...])"), a few hold a newline.
     */
    private static String what(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int source = message.indexOf(" (for ");
        if (source < 0) {
            source = message.indexOf(" [Source");
        }
        if (source >= 0) {
            message = message.substring(0, source);
        }
        return message.replace('\n', ' ');
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
        private final JsonParser json;
        private final String name;
        /** The keys of the last smaps object, shared by the mappings that have the same (as the parser does). */
        private List<String> lastKeys = List.of();
        private long[] values = new long[32];
        /** One String for every equal name, label or flag list, as the smaps parser keeps them. */
        private final HashMap<String, String> sharedStrings = new HashMap<>();

        Reading(JsonParser json, String name) {
            this.json = json;
            this.name = name;
        }

        /** Each mapping's {@code pages} member as written (null where it has none), in the mappings' order. */
        private final List<RawPages> mappingPages = new ArrayList<>();

        /** A mapping's page states as written: kB per {@link CountColumn} (negative: null), flags, runs. */
        private record RawPages(long[] kb, long[] flags, List<long[]> runs) {
        }

        /** Whether an address or offset was written with {@code 0x} (version 2), and without (version 1). */
        private boolean prefixed;
        private boolean bare;

        Snapshot snapshot() throws IOException, Invalid {
            beginObject();
            String format = null;
            String schema = null;
            int version = -1;
            String time = "";
            String source = name;
            String readFrom = null;
            ProcessInfo process = null;
            OptionalInt shmMinor = OptionalInt.empty();
            Object[] pagesHeader = null;
            List<Mapping> mappings = null;
            List<Region> regions = null;
            String key;
            while ((key = json.nextFieldName()) != null) {
                switch (key) {
                    case "format" -> format = string();
                    case "schema" -> schema = string();
                    case "schema_version" -> {
                        version = nextInt();
                        if (version > JsonSnapshot.SCHEMA_VERSION) {
                            throw new Invalid("schema version " + version + " is newer than this vmtool reads ("
                                    + JsonSnapshot.SCHEMA_VERSION + "): use a newer vmtool");
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
                        if (json.nextToken() != JsonToken.VALUE_NULL) {
                            shmMinor = OptionalInt.of(intValue());
                        }
                    }
                    case "pages" -> pagesHeader = pagesHeader();
                    case "mappings" -> {
                        mappings = new ArrayList<>();
                        regions = new ArrayList<>();
                        expect(json.nextToken(), JsonToken.START_ARRAY, "an array");
                        Mapping previous = null;
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            Region region = mapping();
                            String problem = Mapping.orderProblem(previous, region.mapping());
                            if (problem != null) {
                                throw new Invalid(problem);
                            }
                            previous = region.mapping();
                            mappings.add(region.mapping());
                            regions.add(region);
                        }
                    }
                    default -> skipValue();
                }
            }
            // Version 1 named itself in "format", version 2 in "schema", as every output of vmtool does now.
            if (!JsonSnapshot.SCHEMA.equals(version == 1 ? format : schema) || version < 1) {
                throw new Invalid("not a vmtool snapshot: no \"schema\": \"" + JsonSnapshot.SCHEMA
                        + "\" and schema_version (version 1: \"format\")");
            }
            if (version == 1 ? prefixed : bare) {
                throw new Invalid("schema version " + version + " writes addresses and offsets "
                        + (version == 1 ? "without" : "with") + " 0x, but this snapshot has one "
                        + (version == 1 ? "with" : "without"));
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
                    time, source, savedPages(pagesHeader, mappings));
        }

        /** The process; in version 2, null for what is not known (no process, in a snapshot of a saved file). */
        private ProcessInfo process() throws IOException, Invalid {
            int pid = 0;
            int tgid = 0;
            String cmdline = "";
            String comm = "";
            char state = '?';
            long startStack = 0;
            beginObject();
            String key;
            while ((key = json.nextFieldName()) != null) {
                if (json.nextToken() == JsonToken.VALUE_NULL) {
                    continue; // unknown: the model's default
                }
                switch (key) {
                    case "pid" -> pid = intValue();
                    case "tgid" -> tgid = intValue();
                    case "cmdline" -> cmdline = ByteText.fromUnicode(stringValue());
                    case "cmdline_bytes" -> cmdline = base64(key, stringValue());
                    case "comm" -> comm = ByteText.fromUnicode(stringValue());
                    case "comm_bytes" -> comm = base64(key, stringValue());
                    case "state" -> {
                        String text = stringValue();
                        if (text.length() != 1) {
                            throw new Invalid("state is '" + text + "', not one letter");
                        }
                        state = text.charAt(0);
                    }
                    case "start_stack" -> startStack = address(key, stringValue());
                    default -> json.skipChildren();
                }
            }
            return new ProcessInfo(pid, tgid == 0 ? pid : tgid, cmdline, comm, state, startStack);
        }

        /**
         * The mapping whose START_OBJECT is the current token, up to its END_OBJECT. Version 1 wrote the start and
         * offset as the saved file had them, without 0x; version 2 writes them with 0x, and their text in
         * {@code as_written} when the file had them otherwise than the kernel writes them.
         */
        private Region mapping() throws IOException, Invalid {
            expect(json.currentToken(), JsonToken.START_OBJECT, "an object");
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
            String[] written = null;
            RawPages pages = null;
            String key;
            while ((key = json.nextFieldName()) != null) {
                switch (key) {
                    case "start" -> start = string();
                    case "end" -> end = address(key, string());
                    case "perms" -> perms = string();
                    case "offset" -> offset = string();
                    case "device" -> device = string();
                    case "inode" -> inode = digitsOrString(); // a number's own digits, or a string
                    case "name" -> mappingName = shared(ByteText.fromUnicode(string()));
                    case "name_bytes" -> mappingName = shared(base64(key, string()));
                    case "kind" -> {
                        String id = string();
                        try {
                            kind = MappingKind.ofId(id);
                        } catch (IllegalArgumentException e) {
                            throw new Invalid("kind '" + id + "' is not a mapping kind this vmtool knows");
                        }
                    }
                    case "label" -> label = json.nextToken() == JsonToken.VALUE_NULL ? ""
                            : shared(ByteText.fromUnicode(stringValue()));
                    case "label_bytes" -> label = shared(base64(key, string()));
                    case "tid" -> tid = json.nextToken() == JsonToken.VALUE_NULL ? 0 : intValue();
                    case "smaps" -> fields = json.nextToken() == JsonToken.VALUE_NULL ? SmapsFields.none() : fields();
                    case "vm_flags" -> {
                        if (json.nextToken() != JsonToken.VALUE_NULL) {
                            vmFlags = shared(stringValue());
                        }
                    }
                    case "as_written" -> written = asWritten();
                    case "pages" -> pages = json.nextToken() == JsonToken.VALUE_NULL ? null : mappingPages();
                    default -> skipValue(); // size_kb, deleted, hugetlb: derived, and added members
                }
            }
            mappingPages.add(pages);
            if (start == null || end == -1 || perms == null || offset == null || device == null || inode == null
                    || mappingName == null || kind == null) {
                throw new Invalid("a mapping lacks one of start, end, perms, offset, device, inode, name, kind");
            }
            long startValue = address("start", start);
            long offsetValue = address("offset", offset);
            if (inode.isEmpty() || inode.length() > 19 || !digits(inode)) {
                throw new Invalid("inode '" + inode + "' is not a decimal number");
            }
            long inodeValue = Long.parseUnsignedLong(inode);
            boolean version2 = start.startsWith("0x");
            if (written != null && (Long.parseUnsignedLong(written[0], 16) != startValue
                    || Long.parseUnsignedLong(written[1], 16) != offsetValue
                    || Long.parseUnsignedLong(written[2]) != inodeValue)) {
                throw new Invalid("as_written " + String.join(" ", written) + " is not the mapping's start "
                        + start + ", offset " + offset + " and inode " + inode);
            }
            Mapping mapping;
            try {
                if (version2 && written == null) { // the kernel's form
                    mapping = Mapping.of(startValue, end, null, Permissions.parse(perms), offsetValue, null,
                            Device.parse(device), inodeValue, null, mappingName, fields, vmFlags);
                } else { // the text as written (version 1 kept it in start, offset and inode)
                    mapping = new Mapping(startValue, end, version2 ? written[0] : start, Permissions.parse(perms),
                            version2 ? written[1] : offset, Device.parse(device), version2 ? written[2] : inode,
                            mappingName, fields, vmFlags);
                }
            } catch (IllegalArgumentException e) {
                throw new Invalid(e.getMessage());
            }
            return new Region(mapping, kind, label, tid);
        }

        /** {@code as_written}: the start, offset and inode as a saved file wrote them (hex, hex, decimal). */
        private String[] asWritten() throws IOException, Invalid {
            String[] written = new String[3];
            beginObject();
            String key;
            while ((key = json.nextFieldName()) != null) {
                switch (key) {
                    case "start" -> written[0] = string();
                    case "offset" -> written[1] = string();
                    case "inode" -> written[2] = string();
                    default -> skipValue();
                }
            }
            if (written[0] == null || written[1] == null || written[2] == null) {
                throw new Invalid("as_written lacks one of start, offset, inode");
            }
            if (!isHex(written[0]) || !isHex(written[1]) || written[2].isEmpty() || written[2].length() > 19
                    || !digits(written[2])) {
                throw new Invalid("as_written " + String.join(" ", written) + " is not hex, hex and decimal");
            }
            return written;
        }

        /**
         * The smaps object whose START_OBJECT is the current token: keys in the kernel's order, values whole numbers. The keys are compared with the last
         * object's as they come (Jackson gives each distinct name one interned String); only a mapping whose keys
         * differ makes (and checks) a list of its own.
         */
        private SmapsFields fields() throws IOException, Invalid {
            List<String> keys = null; // while null, the keys so far are the first ones of lastKeys
            int count = 0;
            expect(json.currentToken(), JsonToken.START_OBJECT, "an object");
            String key;
            while ((key = json.nextFieldName()) != null) {
                if (keys == null && (count == lastKeys.size() || !lastKeys.get(count).equals(key))) {
                    keys = new ArrayList<>(lastKeys.subList(0, count));
                }
                if (keys != null) {
                    if (key.isEmpty() || key.indexOf(':') >= 0 || key.indexOf('\n') >= 0 || !ByteText.isAscii(key)) {
                        throw new Invalid("'" + key + "' is not an smaps key");
                    }
                    keys.add(key);
                }
                json.nextToken();
                long value = longValue();
                if (value < 0) {
                    throw new Invalid("smaps value " + value + " of " + key + " is negative");
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[count++] = value;
            }
            if (keys == null && count < lastKeys.size()) {
                keys = new ArrayList<>(lastKeys.subList(0, count));
            }
            if (keys != null) {
                lastKeys = Collections.unmodifiableList(keys);
            }
            return SmapsFields.of(lastKeys, values, count);
        }

        private void beginObject() throws IOException, Invalid {
            expect(json.nextToken(), JsonToken.START_OBJECT, "an object");
        }

        private static void expect(JsonToken token, JsonToken wanted, String what) throws Invalid {
            if (token == null) { // the end of the input, where Jackson has not seen an open value
                throw new Invalid(TRUNCATED);
            }
            if (token != wanted) {
                throw new Invalid("expected " + what + ", found " + describe(token));
            }
        }

        /** A token as a person reads it in a message. */
        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> String.valueOf(token);
            };
        }

        /** Skips the next value, however deep (Jackson skips without recursion). */
        /** The top-level {@code pages} member: {method, privileged, frames, page size in bytes}, or null. */
        private Object[] pagesHeader() throws IOException, Invalid {
            if (json.nextToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(json.currentToken(), JsonToken.START_OBJECT, "an object");
            ReadMethod method = null;
            Boolean privileged = null;
            Boolean frames = null;
            long pageSizeKb = -1;
            String key;
            while ((key = json.nextFieldName()) != null) {
                switch (key) {
                    case "method" -> {
                        String id = string();
                        method = ReadMethod.of(id);
                        if (method == null) {
                            throw new Invalid("pages: method '" + id + "' is not pagemap-scan or pagemap-read");
                        }
                    }
                    case "privileged" -> privileged = bool("pages: privileged");
                    case "frames" -> frames = bool("pages: frames");
                    case "page_size_kb" -> {
                        json.nextToken();
                        pageSizeKb = longValue();
                        if (pageSizeKb <= 0 || Long.bitCount(pageSizeKb) != 1 || pageSizeKb > 1 << 20) {
                            throw new Invalid("pages: page_size_kb " + pageSizeKb + " is not a page size");
                        }
                    }
                    default -> skipValue();
                }
            }
            if (method == null || privileged == null || frames == null || pageSizeKb < 0) {
                throw new Invalid("pages lacks one of method, privileged, frames, page_size_kb");
            }
            return new Object[] {method, privileged, frames, pageSizeKb * 1024};
        }

        /** The next value, a boolean; {@code what} names it in the message. */
        private boolean bool(String what) throws IOException, Invalid {
            JsonToken token = json.nextToken();
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw new Invalid(what + " is " + describe(token) + ", not a boolean");
            }
            return token == JsonToken.VALUE_TRUE;
        }

        /** A mapping's {@code pages} object (the current token opens it). */
        private RawPages mappingPages() throws IOException, Invalid {
            expect(json.currentToken(), JsonToken.START_OBJECT, "an object");
            long[] kb = new long[CountColumn.values().length];
            java.util.Arrays.fill(kb, Long.MIN_VALUE);
            long[] flags = null;
            List<long[]> runs = new ArrayList<>();
            String key;
            while ((key = json.nextFieldName()) != null) {
                CountColumn column = countColumn(key);
                if (column != null) {
                    kb[column.ordinal()] = json.nextToken() == JsonToken.VALUE_NULL ? -1 : nonNegative(key);
                } else if (key.equals("flags")) {
                    if (json.nextToken() != JsonToken.VALUE_NULL) {
                        flags = flags();
                    }
                } else if (key.equals("runs")) {
                    expect(json.nextToken(), JsonToken.START_ARRAY, "an array");
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        expect(json.currentToken(), JsonToken.START_ARRAY, "an array");
                        long[] run = new long[5];
                        int n = 0;
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            if (n == run.length) {
                                throw new Invalid("pages: a run has more than 5 numbers");
                            }
                            run[n++] = longValue();
                        }
                        if (n != 3 && n != 5 || run[0] < 0 || run[1] <= 0 || run[2] < 0 || run[2] > 0xff) {
                            throw new Invalid("pages: a run is not [first page, pages, state] (or, with frames,"
                                    + " [first page, pages, state, frame, flags])");
                        }
                        runs.add(n == 3 ? new long[] {run[0], run[1], run[2], -1, -1} : run);
                    }
                } else {
                    skipValue();
                }
            }
            for (CountColumn column : CountColumn.values()) {
                if (kb[column.ordinal()] == Long.MIN_VALUE) {
                    throw new Invalid("pages: a mapping's pages lack " + column.key());
                }
            }
            return new RawPages(kb, flags, runs);
        }

        private static CountColumn countColumn(String key) {
            for (CountColumn column : CountColumn.values()) {
                if (column.key().equals(key)) {
                    return column;
                }
            }
            return null;
        }

        private long nonNegative(String key) throws IOException, Invalid {
            long value = longValue();
            if (value < 0) {
                throw new Invalid("pages: " + key + " is negative");
            }
            return value;
        }

        /** Pages per kpageflags bit, by the bits' names. */
        private long[] flags() throws IOException, Invalid {
            expect(json.currentToken(), JsonToken.START_OBJECT, "an object");
            long[] pages = new long[64];
            String key;
            while ((key = json.nextFieldName()) != null) {
                int bit = -1;
                for (int n = 0; n < 64 && bit < 0; n++) {
                    if (key.equals(KernelPageFlags.name(n)) || key.equals("bit" + n)) {
                        bit = n;
                    }
                }
                if (bit < 0) {
                    throw new Invalid("pages: '" + key + "' is not a kpageflags flag");
                }
                json.nextToken();
                pages[bit] = nonNegative(key);
            }
            return pages;
        }

        /** The snapshot's page states, or null when it has none; every mapping must have them then. */
        private SavedPages savedPages(Object[] header, List<Mapping> mappings) throws Invalid {
            if (header == null) {
                for (RawPages raw : mappingPages) {
                    if (raw != null) {
                        throw new Invalid("a mapping has pages, but the snapshot's pages member is missing or null");
                    }
                }
                return null;
            }
            long pageSize = (Long) header[3];
            List<SavedPages.Mapping> saved = new ArrayList<>(mappings.size());
            for (int i = 0; i < mappings.size(); i++) {
                RawPages raw = mappingPages.get(i);
                Mapping mapping = mappings.get(i);
                if (raw == null) {
                    throw new Invalid("mapping " + mapping.startText() + " has no pages, but the snapshot has");
                }
                List<PageRun> runs = new ArrayList<>(raw.runs().size());
                long next = 0;
                for (long[] run : raw.runs()) {
                    long start = mapping.start() + run[0] * pageSize;
                    long end = start + run[1] * pageSize;
                    if (run[0] < next || Long.compareUnsigned(end, mapping.end()) > 0) {
                        throw new Invalid("mapping " + mapping.startText() + ": its page runs overlap or leave it");
                    }
                    next = run[0] + run[1];
                    runs.add(new PageRun(start, end, (int) run[2], run[3], run[4]));
                }
                PageCounts counts = PagesSnapshot.counts(pageSize, raw.kb(), raw.flags());
                if (counts.pages() * pageSize != mapping.end() - mapping.start() || counts.present() < 0
                        || counts.uncounted() < 0) {
                    throw new Invalid("mapping " + mapping.startText() + ": its pages' sizes do not add up to the"
                            + " mapping (size_kb, rss_kb, swapped_kb, untouched_kb)");
                }
                saved.add(new SavedPages.Mapping(counts, runs));
            }
            return new SavedPages((ReadMethod) header[0], (Boolean) header[1], (Boolean) header[2], pageSize, saved);
        }

        private void skipValue() throws IOException {
            json.nextToken();
            json.skipChildren();
        }

        private String string() throws IOException, Invalid {
            String text = json.nextTextValue();
            return text != null ? text : stringValue();
        }

        /** The current token's string. */
        private String stringValue() throws IOException, Invalid {
            expect(json.currentToken(), JsonToken.VALUE_STRING, "a string");
            return json.getText();
        }

        /** The next string, or the next number's own digits as written. */
        private String digitsOrString() throws IOException, Invalid {
            JsonToken token = json.nextToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                expect(token, JsonToken.VALUE_STRING, "a string");
            }
            return json.getText();
        }

        private int nextInt() throws IOException, Invalid {
            json.nextToken();
            return intValue();
        }

        /** The current token's whole number in int's range (Jackson refuses one out of it). */
        private int intValue() throws IOException, Invalid {
            wholeNumber();
            return json.getIntValue();
        }

        /** The current token's whole number in long's range (Jackson refuses one out of it). */
        private long longValue() throws IOException, Invalid {
            wholeNumber();
            return json.getLongValue();
        }

        private void wholeNumber() throws IOException, Invalid {
            JsonToken token = json.currentToken();
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                throw new Invalid("expected a whole number, found " + json.getText());
            }
            expect(token, JsonToken.VALUE_NUMBER_INT, "a number");
        }

        private String shared(String value) {
            String known = sharedStrings.putIfAbsent(value, value);
            return known != null ? known : value;
        }

        private static String base64(String key, String text) throws Invalid {
            try {
                return ByteText.fromBytes(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw new Invalid(key + " is not base64");
            }
        }

        /**
         * An address or offset: {@code 0x} and 1 to 16 lower-case hex digits (version 2), or 1 to 16 hex digits
         * without 0x (version 1, which wrote them as the saved file had them).
         */
        private long address(String key, String text) throws Invalid {
            boolean withPrefix = text.startsWith("0x");
            String digits = withPrefix ? text.substring(2) : text;
            if (!isHex(digits) || (withPrefix && !digits.equals(digits.toLowerCase(Locale.ROOT)))) {
                throw new Invalid(key + " '" + text + "' is not 0x and 1 to 16 lower-case hex digits");
            }
            if (withPrefix) {
                prefixed = true;
            } else {
                bare = true;
            }
            return Long.parseUnsignedLong(digits, 16);
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
