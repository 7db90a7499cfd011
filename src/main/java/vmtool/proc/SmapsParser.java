package vmtool.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import vmtool.model.ByteText;
import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.Permissions;
import vmtool.model.SmapsFields;

/**
 * Parses the text of /proc/PID/smaps, or of /proc/PID/maps (the same mapping lines without fields), in one pass.
 *
 * <p>Works on bytes: a file name is whatever bytes the kernel wrote. Mappings that have the same keys share one key
 * list, so a file of 60,000 mappings makes one list, not 60,000.
 */
public final class SmapsParser {
    private static final byte[] VM_FLAGS = {'V', 'm', 'F', 'l', 'a', 'g', 's'};
    /**
     * Text is parsed in pieces of about half this size, each ending where a mapping ends: memory stays small. The
     * buffer starts at a quarter of it and grows only for a mapping that does not fit (a new array is zeroed by the
     * JVM and each of its pages faulted in by the kernel: for a middle-sized smaps, the first 1 MiB buffer cost more
     * than the copying into it).
     */
    private static final int CHUNK = 1 << 20;
    private static final int FIRST_BUFFER = CHUNK >> 2;
    /**
     * The longest line taken: the kernel's are far shorter (a name is at most a path of 4,096 bytes, each escaped
     * byte written as 4), and a file that is one endless line (/dev/zero) is refused after this much.
     */
    public static final int MAX_LINE_BYTES = 1 << 16;

    private final String source;
    /** Which mappings are kept (null: all): the others are checked, then dropped as soon as they are parsed. */
    private final java.util.function.Predicate<Mapping> keep;
    private final List<Mapping> mappings = new ArrayList<>();
    private int line;

    private byte[] text;
    private int length;
    private int pos;

    private List<String> sharedNames = List.of();
    private byte[][] sharedNameBytes = new byte[0][];

    private final java.util.HashMap<String, String> sharedStrings = new java.util.HashMap<>();
    private Device lastDevice;
    private byte[] lastDeviceBytes;
    private String lastName;
    private byte[] lastNameBytes;
    /** The last two distinct VmFlags lists and their bytes: neighbouring mappings mostly repeat one of them. */
    private String lastFlags;
    private byte[] lastFlagsBytes;
    private String otherFlags;
    /** The last two fields made, in the same way. */
    private SmapsFields lastFields;
    private SmapsFields otherFields;
    private byte[] otherFlagsBytes;

    private long[] values = new long[32];
    private int[] keyStarts = new int[32];
    private int[] keyEnds = new int[32];

    private SmapsParser(String source, java.util.function.Predicate<Mapping> keep) {
        this.source = source;
        this.keep = keep;
    }

    /** Parses the whole text; {@code source} names the file in error messages. */
    public static List<Mapping> parse(byte[] text, int length, String source) throws MalformedProcText {
        SmapsParser parser = new SmapsParser(source, null);
        parser.parseMappings(text, length);
        return parser.mappings;
    }

    public static List<Mapping> parse(byte[] text, String source) throws MalformedProcText {
        return parse(text, text.length, source);
    }

    /**
     * Reads and parses a stream to its end, a piece at a time: each piece is parsed up to the last mapping that is
     * complete in it, so a file of tens of MB is never held whole.
     */
    public static List<Mapping> parse(InputStream in, String source) throws IOException, MalformedProcText {
        return parse(in, source, null);
    }

    /**
     * The same, keeping only the mappings that {@code keep} takes (null: all): a capture's processes of tens of
     * thousands of anonymous mappings, of which share needs none.
     */
    public static List<Mapping> parse(InputStream in, String source, java.util.function.Predicate<Mapping> keep)
            throws IOException, MalformedProcText {
        SmapsParser parser = new SmapsParser(source, keep);
        byte[] buffer = BUFFERS.take();
        int filled = 0;
        while (true) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                parser.parseMappings(buffer, filled);
                BUFFERS.give(buffer);
                return parser.mappings;
            }
            filled += n;
            if (filled < buffer.length / 2) {
                continue;
            }
            int cut = lastMappingStart(buffer, filled);
            if (cut > 0) {
                parser.parseMappings(buffer, cut);
                System.arraycopy(buffer, cut, buffer, 0, filled - cut);
                filled -= cut;
            } else if (filled == buffer.length && buffer.length < CHUNK) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else if (filled == buffer.length) {
                // No mapping ends in a whole chunk, which holds hundreds of the kernel's: a line is too long, or
                // there are far more field lines than the kernel writes.
                parser.checkLineLengths(buffer, filled);
                throw new MalformedProcText(source, parser.line + 1, "this mapping and its fields take more than "
                        + (CHUNK >> 20) + " MiB, far more than the kernel writes for one");
            }
        }
    }

    /** The buffer of the last parse of a stream, for the next. */
    private static final SpareBuffer BUFFERS = new SpareBuffer(FIRST_BUFFER);

    /** The start of the last mapping line in the text, or 0 if it has only one. */
    private static int lastMappingStart(byte[] text, int length) {
        for (int i = length - 1; i > 0; i--) {
            if (text[i - 1] == '\n' && isHexDigit(text[i])) {
                return i;
            }
        }
        return 0;
    }

    /** The text was not what the kernel writes; carries the 1-based line number. */
    public static final class MalformedProcText extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedProcText(String source, int line, String what) {
            super(source + ": line " + line + ": " + what);
        }
    }

    /** Parses whole mappings from the start of {@code text} up to {@code length}. */
    private void parseMappings(byte[] bytes, int size) throws MalformedProcText {
        this.text = bytes;
        this.length = size;
        this.pos = 0;
        // One call per mapping, not one loop body: the JIT compiles a method after a few hundred calls, but a loop
        // in a method that runs once only after tens of thousands of turns, so a long loop body runs interpreted.
        while (pos < length) {
            Mapping mapping = parseMapping();
            if (keep == null || keep.test(mapping)) {
                mappings.add(mapping);
            }
        }
    }

    /** Fails on the first line longer than {@link #MAX_LINE_BYTES} in the text, whose first line is the next one. */
    private void checkLineLengths(byte[] bytes, int size) throws MalformedProcText {
        int number = line;
        int from = 0;
        while (from < size) {
            number++;
            int end = from;
            while (end < size && bytes[end] != '\n') {
                end++;
            }
            if (end - from > MAX_LINE_BYTES) {
                throw tooLong(number);
            }
            from = end + 1;
        }
    }

    private MalformedProcText tooLong(int number) {
        return new MalformedProcText(source, number, "the line is longer than " + MAX_LINE_BYTES + " bytes, the"
                + " most a line of smaps or maps may have (the kernel's are under 17 kB)");
    }

    /** Parses the mapping at {@code pos}: its line and its field lines. */
    private Mapping parseMapping() throws MalformedProcText {
        line++;
        if (!headerInKernelForm()) {
            int lineEnd = lineEnd(pos);
            if (lineEnd - pos > MAX_LINE_BYTES) {
                throw tooLong(line);
            }
            if (!isHexDigit(text[pos])) {
                throw quoting("expected a mapping line, found '", pos, lineEnd);
            }
            boolean parsed;
            try {
                parsed = parseHeader(pos, lineEnd);
            } catch (IllegalArgumentException e) {
                throw badHeader(e, lineEnd);
            }
            if (!parsed) {
                throw quoting("not a mapping line: '", pos, lineEnd);
            }
            pos = next(lineEnd);
        }
        int count = 0;
        int matched = 0;
        String vmFlags = null;
        // Up to the next mapping line, which starts with a hex digit (isHexDigit written out: no call per line).
        while (pos < length && (text[pos] < '0' || text[pos] > '9') && (text[pos] < 'a' || text[pos] > 'f')) {
            line++;
            if (matched == count && fieldInKernelForm(count)) {
                // pos, values and keyStarts/keyEnds were set by the fast path.
                count++;
                matched++;
                continue;
            }
            int end = lineEnd(pos);
            if (end - pos > MAX_LINE_BYTES) {
                throw tooLong(line);
            }
            int colon = indexOf((byte) ':', pos, end);
            if (colon < 0) {
                throw quoting("expected 'Key: value', found '", pos, end);
            }
            if (sameBytes(pos, colon, VM_FLAGS)) {
                vmFlags = flags(colon + 1, end);
            } else {
                long value = number(colon + 1, end);
                if (value < 0) {
                    throw quoting("expected a number in '", pos, end);
                }
                ensureCapacity(count + 1);
                keyStarts[count] = pos;
                keyEnds[count] = colon;
                values[count] = value;
                count++;
            }
            pos = next(end);
        }
        SmapsFields fields = matched == count && count == sharedNameBytes.length && count > 0
                ? repeated(count)
                : fields(count);
        return Mapping.of(mappingStart, mappingEnd, startText, perms, offset, offsetText, device, inode, inodeText,
                name, fields, vmFlags);
    }

    /**
     * The failure of the current line: {@code before}, then the line quoted. The messages are built here, not where
     * they are thrown: the quick compiler compiles every path of a method, and building them in parseMapping made
     * its compilation, which a middle-sized pmap -X waits for, twice as large.
     */
    private MalformedProcText quoting(String before, int from, int to) {
        return new MalformedProcText(source, line, before + lineText(from, to) + "'");
    }

    private MalformedProcText badHeader(IllegalArgumentException e, int lineEnd) {
        return new MalformedProcText(source, line, ByteText.shown(e.getMessage()) + " in '" + lineText(pos, lineEnd)
                + "'");
    }

    /**
     * The fast path for a field line, taken when it is exactly what the kernel writes and its key is the one the
     * previous mapping had in this place: {@code Key:}, blanks, the value, {@code " kB"} (not after THPeligible and
     * ProtectionKey), end of line. It then stores the value, moves past the line and returns true, having scanned
     * the line once; otherwise it changes nothing, and the general path reads the line. (A small pmap runs mostly
     * in the interpreter, where scanning each field line three times, for its end, its colon and its number, was a
     * third of the run.)
     */
    private boolean fieldInKernelForm(int index) {
        if (index >= sharedNameBytes.length) {
            return false;
        }
        byte[] key = sharedNameBytes[index];
        int colon = pos + key.length;
        if (colon >= length || text[colon] != ':') {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (text[pos + k] != key[k]) {
                return false;
            }
        }
        int i = colon + 1;
        while (i < length && text[i] == ' ') {
            i++;
        }
        int first = i;
        long value = 0;
        while (i < length && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (text[i] - '0');
            i++;
        }
        int digits = i - first;
        if (digits == 0 || digits > 18) {
            return false;
        }
        if (i + 3 <= length && text[i] == ' ' && text[i + 1] == 'k' && text[i + 2] == 'B') {
            i += 3;
        }
        if (i < length && text[i] != '\n') {
            return false;
        }
        if (index >= values.length) {
            ensureCapacity(index + 1);
        }
        keyStarts[index] = pos;
        keyEnds[index] = colon;
        values[index] = value;
        pos = i < length ? i + 1 : length; // next(i), without a call per line
        return true;
    }

    private SmapsFields fields(int count) {
        if (count == 0) {
            return SmapsFields.none();
        }
        if (!sameKeysAsShared(count)) {
            String[] names = new String[count];
            byte[][] nameBytes = new byte[count][];
            for (int i = 0; i < count; i++) {
                nameBytes[i] = Arrays.copyOfRange(text, keyStarts[i], keyEnds[i]);
                names[i] = new String(nameBytes[i], StandardCharsets.ISO_8859_1);
            }
            sharedNames = Collections.unmodifiableList(Arrays.asList(names));
            sharedNameBytes = nameBytes;
        }
        return repeated(count);
    }

    /**
     * The fields of the shared keys with these values: the last or the one before if the values are theirs (a
     * process's many small mappings mostly repeat a few: guard pages, untouched or wholly touched regions), so that
     * 60,000 mappings need not hold 60,000 copies of the same numbers.
     */
    private SmapsFields repeated(int count) {
        if (!sameValues(lastFields, count)) {
            SmapsFields other = otherFields;
            otherFields = lastFields;
            lastFields = sameValues(other, count) ? other : SmapsFields.of(sharedNames, values, count);
        }
        return lastFields;
    }

    private boolean sameValues(SmapsFields fields, int count) {
        if (fields == null || fields.names() != sharedNames || fields.size() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (fields.value(i) != values[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean sameKeysAsShared(int count) {
        if (count != sharedNameBytes.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!Arrays.equals(text, keyStarts[i], keyEnds[i], sharedNameBytes[i], 0, sharedNameBytes[i].length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The mapping line just read (by {@link #headerInKernelForm} or {@link #parseHeader}): its numbers, and its text
     * where it is not in the kernel's form (null where it is). Fields, not an object per line: on 60,000 mappings
     * those made the young collection that stopped the parse.
     */
    private long mappingStart;
    private long mappingEnd;
    private String startText;
    private Permissions perms;
    private long offset;
    private String offsetText;
    private Device device;
    private long inode;
    private String inodeText;
    private String name;
    /** The value of the last {@link #lowerHex} run. */
    private long scanned;

    /**
     * The fast path for a mapping line, taken when it is exactly what the kernel writes ({@code %08lx-%08lx},
     * the four permission letters, {@code %08llx}, the device of the line before, {@code %lu}, the name) and no
     * longer than {@link #MAX_LINE_BYTES}: the line is scanned once, left to right, and {@code pos} moved past it.
     * Otherwise it returns false and changes nothing, and {@link #parseHeader} reads the line. (A 60,000-line maps
     * spends most of a default pmap in the parse, much of it in the interpreter, where finding the line's end, then
     * each blank, then reading each field and then checking its form, each a pass of its own, showed.)
     */
    private boolean headerInKernelForm() {
        int limit = Math.min(length, pos + MAX_LINE_BYTES);
        int i = lowerHex(pos, limit);
        long start = scanned;
        if (!kernelHexLength(pos, i) || i >= limit || text[i] != '-') {
            return false;
        }
        int from = ++i;
        i = lowerHex(i, limit);
        long end = scanned;
        if (i == from || i - from > 16 || i + 5 >= limit || text[i] != ' ' || text[i + 5] != ' ') {
            return false;
        }
        Permissions letters = Permissions.ofLetters(text[i + 1], text[i + 2], text[i + 3], text[i + 4]);
        if (letters == null) {
            return false;
        }
        i += 6;
        from = i;
        i = lowerHex(i, limit);
        long offsetValue = scanned;
        if (!kernelHexLength(from, i) || i >= limit || text[i] != ' ') {
            return false;
        }
        from = ++i;
        byte[] deviceBytes = lastDeviceBytes;
        if (deviceBytes == null || i + deviceBytes.length >= limit || text[i + deviceBytes.length] != ' ') {
            return false;
        }
        for (int k = 0; k < deviceBytes.length; k++) {
            if (text[i + k] != deviceBytes[k]) {
                return false;
            }
        }
        i += deviceBytes.length + 1;
        from = i;
        long inodeValue = 0;
        while (i < limit && text[i] >= '0' && text[i] <= '9') {
            inodeValue = inodeValue * 10 + (text[i] - '0');
            i++;
        }
        if (i == from || i - from > 18 || (text[from] == '0' && i - from > 1)
                || (i < limit && text[i] != ' ' && text[i] != '\n')) {
            return false;
        }
        while (i < limit && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        int nameStart = i;
        while (i < limit && text[i] != '\n') {
            i++;
        }
        if (i == limit && limit < length) {
            return false; // longer than a line may be: the general path says so
        }
        mappingStart = start;
        mappingEnd = end;
        startText = null;
        perms = letters;
        offset = offsetValue;
        offsetText = null;
        device = lastDevice;
        inode = inodeValue;
        inodeText = null;
        name = nameStart == i ? "" : name(nameStart, i);
        pos = i < length ? i + 1 : length;
        return true;
    }

    /**
     * Reads lowercase hex digits from {@code from} up to {@code limit}; returns where they end, their value in
     * {@link #scanned}. One call per field, not per digit: the first lines are parsed in the interpreter.
     */
    private int lowerHex(int from, int limit) {
        long value = 0;
        int i = from;
        while (i < limit) {
            int b = text[i];
            if (b >= '0' && b <= '9') {
                b -= '0';
            } else if (b >= 'a' && b <= 'f') {
                b -= 'a' - 10;
            } else {
                break;
            }
            value = value << 4 | b;
            i++;
        }
        scanned = value;
        return i;
    }

    /**
     * Whether the digits from {@code from} to {@code to} have the length of {@code %08lx}: 8, or up to 16 without a
     * leading zero.
     */
    private boolean kernelHexLength(int from, int to) {
        int digits = to - from;
        return digits == 8 || (digits > 8 && digits <= 16 && text[from] != '0');
    }

    /**
     * The name from {@code from} to {@code to}: the last one's String when the bytes are the same (a library's few
     * mappings are neighbours), else one String for every equal name.
     */
    private String name(int from, int to) {
        if (lastName != null && sameBytes(from, to, lastNameBytes)) {
            return lastName;
        }
        lastName = shared(latin1(from, to));
        lastNameBytes = Arrays.copyOfRange(text, from, to);
        return lastName;
    }

    /**
     * {@code start-end perms offset major:minor inode [name]}, into the fields above; false if the line is not of
     * that form.
     *
     * @throws IllegalArgumentException when the permissions or the device are not as the kernel writes them
     */
    private boolean parseHeader(int from, int lineEnd) {
        int dash = indexOf((byte) '-', from, lineEnd);
        if (dash < 0) {
            return false;
        }
        int endEnd = indexOf((byte) ' ', dash, lineEnd);
        if (endEnd < 0) {
            return false;
        }
        int permsEnd = indexOf((byte) ' ', endEnd + 1, lineEnd);
        if (permsEnd < 0) {
            return false;
        }
        int offsetEnd = indexOf((byte) ' ', permsEnd + 1, lineEnd);
        if (offsetEnd < 0) {
            return false;
        }
        int deviceEnd = indexOf((byte) ' ', offsetEnd + 1, lineEnd);
        if (deviceEnd < 0) {
            return false;
        }
        int inodeEnd = indexOf((byte) ' ', deviceEnd + 1, lineEnd);
        if (inodeEnd < 0) {
            inodeEnd = lineEnd;
        }
        long start = hex(from, dash);
        long end = hex(dash + 1, endEnd);
        if (start == -1 || end == -1 || !hexField(permsEnd + 1, offsetEnd)
                || !decimal(deviceEnd + 1, inodeEnd)) {
            return false;
        }
        long offset = unsignedHex(permsEnd + 1, offsetEnd);
        long inode = decimalValue(deviceEnd + 1, inodeEnd);
        int nameStart = inodeEnd;
        while (nameStart < lineEnd && (text[nameStart] == ' ' || text[nameStart] == '\t')) {
            nameStart++;
        }
        Permissions letters = permissions(endEnd + 1, permsEnd);
        Device parsedDevice = device(offsetEnd + 1, deviceEnd);
        mappingStart = start;
        mappingEnd = end;
        startText = kernelHex(from, dash) ? null : latin1(from, dash);
        perms = letters;
        this.offset = offset;
        offsetText = kernelHex(permsEnd + 1, offsetEnd) ? null : latin1(permsEnd + 1, offsetEnd);
        device = parsedDevice;
        this.inode = inode;
        inodeText = kernelDecimal(deviceEnd + 1, inodeEnd) ? null : latin1(deviceEnd + 1, inodeEnd);
        name = nameStart == lineEnd ? "" : name(nameStart, lineEnd);
        return true;
    }

    /** Unsigned hex; -1 on a non-hex character or an empty field (no address is all ones). */
    private long hex(int from, int to) {
        if (from >= to || to - from > 16) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = hexDigit(text[i]);
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** The value of a hex digit (either case, as Character.digit takes), or -1. */
    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** {@code %08lx}: lowercase hex digits, 8 of them or more without a leading zero. */
    private boolean kernelHex(int from, int to) {
        if (to - from < 8 || (to - from > 8 && text[from] == '0')) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isHexDigit(text[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code %lu}: no leading zero unless the number is 0. */
    private boolean kernelDecimal(int from, int to) {
        return to - from == 1 || text[from] != '0';
    }

    /** The field's unsigned hex value (the field is known to be 1 to 16 hex digits). */
    private long unsignedHex(int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = (value << 4) | hexDigit(text[i]);
        }
        return value;
    }

    /** The field's value (the field is known to be 1 to 19 decimal digits, so it fits). */
    private long decimalValue(int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }

    /** Permissions, decoded from the bytes without making a String. */
    private Permissions permissions(int from, int to) {
        Permissions perms = to - from == 4
                ? Permissions.ofLetters(text[from], text[from + 1], text[from + 2], text[from + 3]) : null;
        return perms != null ? perms : Permissions.parse(latin1(from, to));
    }

    /** One String for every equal name or flag list: a library's mappings share one, and so do most flag lists. */
    private String shared(String value) {
        String known = sharedStrings.putIfAbsent(value, value);
        return known != null ? known : value;
    }

    /** Whether the field is 1 to 16 hex digits (a file offset). */
    private boolean hexField(int from, int to) {
        if (from >= to || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (hexDigit(text[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the field is a decimal number that fits in 64 bits unsigned (an inode). */
    private boolean decimal(int from, int to) {
        if (from >= to || to - from > 19) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The device; consecutive mappings mostly share one, so the last is reused. */
    private Device device(int from, int to) {
        if (lastDevice != null && Arrays.equals(text, from, to, lastDeviceBytes, 0, lastDeviceBytes.length)) {
            return lastDevice;
        }
        lastDevice = Device.parse(latin1(from, to));
        lastDeviceBytes = Arrays.copyOfRange(text, from, to);
        return lastDevice;
    }

    /** The decimal number after the colon, blanks skipped; -1 if there is none or it has more than 18 digits. */
    private long number(int from, int to) {
        int i = from;
        while (i < to && text[i] == ' ') {
            i++;
        }
        if (i == to || text[i] < '0' || text[i] > '9') {
            return -1;
        }
        long value = 0;
        int first = i;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (text[i] - '0');
            i++;
        }
        return i - first > 18 ? -1 : value;
    }

    /**
     * The flags after "VmFlags:", without the blank the kernel writes after the last one; one String for every equal
     * list. The last two lists are compared as bytes first, so that a mapping whose flags repeat a neighbour's makes
     * no String (a small pmap -X parses its first mappings in the interpreter, where that shows).
     */
    private String flags(int from, int to) {
        int i = from;
        while (i < to && text[i] == ' ') {
            i++;
        }
        int end = to;
        if (end > i && text[end - 1] == ' ') {
            end--;
        }
        if (lastFlagsBytes != null && sameBytes(i, end, lastFlagsBytes)) {
            return lastFlags;
        }
        String flags;
        byte[] flagsBytes;
        if (otherFlagsBytes != null && sameBytes(i, end, otherFlagsBytes)) {
            flags = otherFlags;
            flagsBytes = otherFlagsBytes;
        } else {
            flags = shared(latin1(i, end));
            flagsBytes = Arrays.copyOfRange(text, i, end);
        }
        otherFlags = lastFlags;
        otherFlagsBytes = lastFlagsBytes;
        lastFlags = flags;
        lastFlagsBytes = flagsBytes;
        return flags;
    }

    private boolean sameBytes(int from, int to, byte[] bytes) {
        if (to - from != bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (text[from + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void ensureCapacity(int needed) {
        if (needed > values.length) {
            int size = Math.max(needed, values.length * 2);
            values = Arrays.copyOf(values, size);
            keyStarts = Arrays.copyOf(keyStarts, size);
            keyEnds = Arrays.copyOf(keyEnds, size);
        }
    }

    private int lineEnd(int from) {
        int end = indexOf((byte) '\n', from, length);
        return end < 0 ? length : end;
    }

    private int next(int lineEnd) {
        return lineEnd < length ? lineEnd + 1 : length;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
    }

    private String latin1(int from, int to) {
        return new String(text, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** At most 80 bytes of the line, to quote in a message: as people are shown it (a saved file may hold anything). */
    private String lineText(int from, int to) {
        return ByteText.shown(latin1(from, Math.min(to, from + 80)));
    }
}
