package vmtool.jvm;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts.JvmRegion;

/**
 * Reads the address ranges out of what a HotSpot JVM prints for {@code GC.heap_info}, {@code Compiler.codecache}
 * and {@code VM.metaspace vslist} (JDK 17 to 25 print them alike). Every range is the JVM's reservation, committed
 * or not: the heap's {@code [low, high)}, each code heap's {@code bounds [low, used, high)}, each metaspace node's
 * {@code base} and {@code reserved} size.
 *
 * <p>The text is the target's JVM's answer, so it is read as untrusted input: a range must have a start below its end
 * and fit in a signed 64-bit address (user space addresses do); a line that does not have the expected shape is
 * skipped, never an error; names are kept as printable ASCII and short ({@link AnswerText}).
 */
public final class JvmReport {
    private JvmReport() {
    }

    /** The diagnostic commands whose output {@link #parse} reads, in order. */
    public static final List<String> COMMANDS = List.of("GC.heap_info", "Compiler.codecache", "VM.metaspace vslist");
    /** The longest name kept from the answer: the JVM's own ("code heap 'non-profiled nmethods'") are shorter. */
    private static final int MAX_NAME_CHARS = 64;

    /** The regions named in jcmd's output; none when it names none (ZGC's heap_info gives no addresses). */
    public static List<JvmRegion> parse(String text) {
        List<JvmRegion> regions = new ArrayList<>();
        long heapStart = -1;
        long heapEnd = 0;
        String heapName = "";
        boolean inHeap = true;
        String codeHeap = "";
        MappingKind nodeKind = null;
        for (String rawLine : text.split("\n")) {
            String line = rawLine.strip();
            if (line.startsWith("Metaspace") || line.startsWith("CodeHeap") || line.startsWith("CodeCache")) {
                inHeap = false;
            }
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
                if (heapStart < 0) {
                    heapName = heapName(line);
                }
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
        if (heapStart >= 0 && heapEnd > heapStart) {
            regions.add(0, new JvmRegion(heapStart, heapEnd, MappingKind.JAVA_HEAP, heapName));
        }
        return regions;
    }

    /** "garbage-first heap   total ..." gives "garbage-first heap": the words before the sizes. */
    private static String heapName(String line) {
        int cut = line.indexOf("  ");
        String name = cut > 0 ? line.substring(0, cut) : "Java heap";
        return name.startsWith("-") || name.startsWith("[") ? "Java heap" : AnswerText.printable(name, MAX_NAME_CHARS);
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
