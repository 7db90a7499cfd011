package vmtool.jvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts.JvmRegion;

/**
 * What a HotSpot JVM says of its own regions, read from its answers to {@link #COMMANDS} (JDK 17 to 25 print them
 * alike): the heap's reserved {@code [low, high)} from {@code GC.heap_info} (for Epsilon, whose answer gives only the
 * committed part, up to {@code VM.flags}' MaxHeapSize), each code heap's {@code bounds [low, used, high)}, each
 * metaspace node's {@code base} and {@code reserved} size, and the rows of {@code System.map} (JDK 22 on, in its
 * first layout or its later one, whose header names an info column) that say what they are, which a JVM does only
 * with {@code -XX:NativeMemoryTracking}: among them its collector's data (card table, mark bitmaps) and the code
 * heaps' segment maps, which no other answer places.
 *
 * <p>The text is the target's JVM's answer, so it is read as untrusted input: a range must have a start below its end
 * and fit in a signed 64-bit address (user space addresses do); a line that does not have the expected shape is
 * skipped, never an error; names are kept as printable ASCII and short ({@link AnswerText}), and the heap is named
 * by its collector, never by the answer's words.
 *
 * @param collector the collector, {@link Collector#UNKNOWN} when the heap_info names none vmtool knows
 * @param regions   the ranges: the heap, the code heaps, the metaspace nodes, then System.map's rows
 * @param systemMap whether System.map answered, and whether it named anything
 */
public record JvmReport(Collector collector, List<JvmRegion> regions, SystemMap systemMap) {
    /**
     * The diagnostic commands whose output {@link #parse} reads, in order. System.map is last: a JVM before JDK 22
     * does not know it, and jcmd stops at the first command a JVM refuses, after printing the answers before it.
     */
    public static final List<String> COMMANDS = List.of("GC.heap_info", "Compiler.codecache", "VM.metaspace vslist",
            "VM.flags", "System.map");
    /** The longest name kept from the answer: the JVM's own ("code heap 'non-profiled nmethods'") are shorter. */
    private static final int MAX_NAME_CHARS = 64;
    private static final String MAX_HEAP_SIZE = "-XX:MaxHeapSize=";

    /** What System.map gave. */
    public enum SystemMap {
        /** No System.map table in the answer: a JVM before JDK 22 (or one that refused it). */
        ABSENT,
        /** The table, but no row says what a region is: the JVM runs without NativeMemoryTracking. */
        UNNAMED,
        /** Rows that say what regions are. */
        NAMED
    }

    public JvmReport {
        regions = List.copyOf(regions);
    }

    /** Whether a Java heap range was found. */
    public boolean hasHeap() {
        for (JvmRegion region : regions) {
            if (region.kind() == MappingKind.JAVA_HEAP) {
                return true;
            }
        }
        return false;
    }

    /** What jcmd's output says; no regions when it names none (ZGC's heap_info gives no addresses). */
    public static JvmReport parse(String text) {
        List<JvmRegion> regions = new ArrayList<>();
        Collector collector = Collector.UNKNOWN;
        long heapStart = -1;
        long heapEnd = 0;
        long maxHeapSize = -1;
        boolean inHeap = true;
        String codeHeap = "";
        MappingKind nodeKind = null;
        // System.map: the position of the info column among a row's words, once the table's header was read.
        int infoColumn = -1;
        boolean firstTable = false;
        SystemMap systemMap = SystemMap.ABSENT;
        for (String rawLine : text.split("\n")) {
            String line = rawLine.strip();
            if (infoColumn >= 0 || firstTable) {
                JvmRegion row = firstTable ? firstSystemMapRow(line, collector)
                        : systemMapRow(line, infoColumn, collector);
                if (row != null) {
                    regions.add(row);
                    systemMap = SystemMap.NAMED;
                }
                continue;
            }
            if (line.startsWith("from ") && line.contains(" info")) {
                infoColumn = systemMapInfoColumn(line);
                systemMap = infoColumn >= 0 ? SystemMap.UNNAMED : systemMap;
                continue;
            }
            if (line.startsWith("size ") && line.endsWith(" What")) {
                firstTable = true;
                systemMap = SystemMap.UNNAMED;
                continue;
            }
            if (line.startsWith("Metaspace") || line.startsWith("CodeHeap") || line.startsWith("CodeCache")
                    || line.startsWith("Memory mappings:")) {
                inHeap = false;
            }
            if (inHeap && collector == Collector.UNKNOWN) {
                Collector named = Collector.ofHeapInfoLine(line);
                collector = named == null ? collector : named;
            }
            maxHeapSize = maxHeapSize < 0 ? maxHeapSize(line) : maxHeapSize;
            if (line.startsWith("CodeHeap '")) {
                int end = line.indexOf('\'', "CodeHeap '".length());
                codeHeap = end < 0 ? "code heap"
                        : "code heap " + AnswerText.printable(line.substring("CodeHeap ".length(), end + 1),
                                MAX_NAME_CHARS);
            } else if (line.startsWith("CodeCache:")) {
                codeHeap = "code cache";
            }
            if (line.startsWith("vsl non-class-space") || line.startsWith("Non-Class:")) {
                nodeKind = MappingKind.METASPACE;
            } else if (line.startsWith("vsl class-space") || line.startsWith("Class:")) {
                nodeKind = MappingKind.CLASS_SPACE;
            }
            long[] bracket = bracketAddresses(line);
            if (inHeap && bracket.length >= 2) {
                heapStart = heapStart < 0 ? bracket[0] : Math.min(heapStart, bracket[0]);
                heapEnd = Math.max(heapEnd, bracket[bracket.length - 1]);
            } else if (line.startsWith("bounds [") && bracket.length >= 2
                    && bracket[0] < bracket[bracket.length - 1]) {
                regions.add(new JvmRegion(bracket[0], bracket[bracket.length - 1], MappingKind.CODE_CACHE,
                        codeHeap.isEmpty() ? "code cache" : codeHeap));
            } else if (line.startsWith("- node #") && nodeKind != null) {
                JvmRegion node = node(line, nodeKind);
                if (node != null) {
                    regions.add(node);
                }
            }
        }
        // Epsilon's heap_info gives the space it has committed; it reserved MaxHeapSize from the heap's start.
        if (collector == Collector.EPSILON && heapStart >= 0 && maxHeapSize > 0
                && maxHeapSize < Long.MAX_VALUE - heapStart) {
            heapEnd = Math.max(heapEnd, heapStart + maxHeapSize);
        }
        if (heapStart >= 0 && heapEnd > heapStart) {
            regions.add(0, new JvmRegion(heapStart, heapEnd, MappingKind.JAVA_HEAP, collector.heapName()));
        }
        return new JvmReport(collector, regions, systemMap);
    }

    /** VM.flags' {@code -XX:MaxHeapSize=67108864} in this line, in bytes; -1 when not there or not plain digits. */
    private static long maxHeapSize(String line) {
        int at = line.indexOf(MAX_HEAP_SIZE);
        if (at < 0 || (at > 0 && line.charAt(at - 1) != ' ')) {
            return -1;
        }
        int from = at + MAX_HEAP_SIZE.length();
        int end = from;
        while (end < line.length() && end - from < 19 && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
            end++;
        }
        boolean whole = end > from && (end == line.length() || line.charAt(end) == ' ');
        return whole ? Long.parseLong(line, from, end, 10) : -1;
    }

    /**
     * Where the info column is among a row's words, from System.map's header ({@code from to vsize prot rss hugetlb
     * pgsz notes info file}, where a row's first word is "from-to"); -1 when the header has no such column.
     */
    private static int systemMapInfoColumn(String header) {
        String[] words = header.split(" +");
        if (words.length < 3 || !words[1].equals("to")) {
            return -1;
        }
        for (int i = 2; i < words.length; i++) {
            if (words[i].equals("info")) {
                return i - 1;
            }
        }
        return -1;
    }

    /**
     * A System.map row ({@code 0x..-0x.. vsize prot rss hugetlb pgsz notes info file}) whose info says what the
     * mapping is, in a word vmtool has a kind for ({@link SystemMapTag}); null otherwise. A row that two areas share
     * ({@code CODE,GC}: the kernel merged their mappings) takes the first one's kind and both names.
     */
    private static JvmRegion systemMapRow(String line, int infoColumn, Collector collector) {
        if (!line.startsWith("0x")) {
            return null;
        }
        String[] words = line.split(" +", infoColumn + 2);
        int dash = words[0].indexOf('-');
        if (words.length <= infoColumn || dash < 0) {
            return null;
        }
        return region(address(words[0].substring(0, dash)), address(words[0].substring(dash + 1)),
                words[infoColumn].split(",", 8), collector);
    }

    /**
     * A row of System.map as it was first printed ({@code 0x.. - 0x.. size prot offset NAME NAME... file}, under
     * the header {@code size prot offset What}): NMT's names are the upper-case words after the offset.
     */
    private static JvmRegion firstSystemMapRow(String line, Collector collector) {
        if (!line.startsWith("0x")) {
            return null;
        }
        String[] words = line.split(" +", 16);
        if (words.length < 7 || !words[1].equals("-")) {
            return null;
        }
        int names = 6;
        while (names < words.length && words[names].matches("[A-Z]{1,16}")) {
            names++;
        }
        return region(address(words[0]), address(words[2]), Arrays.copyOfRange(words, 6, names), collector);
    }

    /** {@code 0x} and 16 hex digits (HotSpot's PTR_FORMAT), as a number; -1 for anything else or above 2^63. */
    private static long address(String word) {
        return word.length() == 2 + 16 && word.startsWith("0x") && hexAt(word, 2) >= 0 ? hexAt(word, 2) : -1;
    }

    /** The region of a System.map row whose NMT names say what it is; null when none of them is one vmtool knows. */
    private static JvmRegion region(long start, long end, String[] tags, Collector collector) {
        if (start < 0 || end <= start) {
            return null;
        }
        MappingKind kind = null;
        StringBuilder label = new StringBuilder();
        for (String tag : tags) {
            SystemMapTag known = SystemMapTag.of(tag);
            if (known != null) {
                kind = kind == null ? known.kind() : kind;
                label.append(label.length() == 0 ? "" : ", ")
                        .append(known.kind() == MappingKind.JAVA_HEAP ? collector.heapName() : known.words());
            }
        }
        return kind == null ? null : new JvmRegion(start, end, kind, label.toString());
    }

    /** {@code - node #0: base 0x00007fe0ff000000: reserved=65536.00 KB, committed=...}; null when not so. */
    private static JvmRegion node(String line, MappingKind kind) {
        int base = line.indexOf("base 0x");
        int reserved = line.indexOf("reserved=");
        int number = "- node #".length();
        int numberEnd = number;
        while (numberEnd < line.length() && numberEnd - number < 9 && line.charAt(numberEnd) >= '0'
                && line.charAt(numberEnd) <= '9') {
            numberEnd++;
        }
        if (base < 0 || reserved < 0 || numberEnd == number || !line.startsWith(":", numberEnd)) {
            return null;
        }
        long start = hexAt(line, base + "base 0x".length());
        int amountEnd = line.indexOf(' ', reserved);
        int unitEnd = line.indexOf(',', reserved);
        if (start < 0 || amountEnd < 0 || unitEnd < amountEnd) {
            return null;
        }
        String amountText = line.substring(reserved + "reserved=".length(), amountEnd);
        // Digits and a point only: Double.parseDouble would also take "NaN", "Infinity", "-1", "1e300", "0x1p3".
        double amount = amountText.matches("[0-9]{1,20}(\\.[0-9]{1,6})?") ? Double.parseDouble(amountText) : -1;
        String unit = line.substring(amountEnd + 1, unitEnd).strip();
        long scale = switch (unit) {
            case "KB", "K" -> 1L << 10;
            case "MB", "M" -> 1L << 20;
            case "GB", "G" -> 1L << 30;
            case "bytes", "B" -> 1;
            default -> 0;
        };
        double size = amount * scale;
        if (scale == 0 || amount <= 0 || size >= Long.MAX_VALUE - (double) start) {
            return null;
        }
        String name = kind == MappingKind.METASPACE ? "metaspace node " : "class space node ";
        return new JvmRegion(start, start + Math.round(size), kind, name + line.substring(number, numberEnd));
    }

    /**
     * The hex addresses between the first '[' and the following ')' or ']', in order; none when there are none, or
     * when they are not in ascending order.
     */
    static long[] bracketAddresses(String line) {
        int open = line.indexOf('[');
        if (open < 0 || !line.startsWith("0x", open + 1)) {
            return new long[0];
        }
        int close = line.indexOf(')', open);
        if (close < 0) {
            close = line.indexOf(']', open);
        }
        if (close < 0) {
            return new long[0];
        }
        String[] parts = line.substring(open + 1, close).split(",");
        long[] addresses = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            long value = part.startsWith("0x") ? hexAt(part, 2) : -1;
            if (value < 0 || (i > 0 && value < addresses[i - 1])) {
                return new long[0];
            }
            addresses[i] = value;
        }
        return addresses;
    }

    /**
     * The hex number starting at {@code from} (up to the first character that is not an ASCII hex digit), or -1:
     * also for a number that does not fit a signed long (no user space address is that high).
     */
    private static long hexAt(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) < 0x80 && Character.digit(text.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == from || end - from > 16) {
            return -1;
        }
        long value = Long.parseUnsignedLong(text, from, end, 16);
        return value < 0 ? -1 : value;
    }
}
