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
 */
public final class JvmReport {
    private JvmReport() {
    }

    /** The diagnostic commands whose output {@link #parse} reads, in order. */
    public static final List<String> COMMANDS = List.of("GC.heap_info", "Compiler.codecache", "VM.metaspace vslist");

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
                codeHeap = end < 0 ? "code heap" : "code heap " + line.substring("CodeHeap ".length(), end + 1);
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
            } else if (line.startsWith("bounds [") && bracket.length >= 2) {
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
        return name.startsWith("-") || name.startsWith("[") ? "Java heap" : name;
    }

    /** {@code - node #0: base 0x00007fe0ff000000: reserved=65536.00 KB, committed=...}. */
    private static JvmRegion node(String line, MappingKind kind) {
        int base = line.indexOf("base 0x");
        int reserved = line.indexOf("reserved=");
        if (base < 0 || reserved < 0) {
            return null;
        }
        long start = hexAt(line, base + "base 0x".length());
        int numberEnd = line.indexOf(' ', reserved);
        int unitEnd = line.indexOf(',', reserved);
        if (start < 0 || numberEnd < 0 || unitEnd < numberEnd) {
            return null;
        }
        double amount;
        try {
            amount = Double.parseDouble(line.substring(reserved + "reserved=".length(), numberEnd));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = line.substring(numberEnd + 1, unitEnd).strip();
        long scale = switch (unit) {
            case "KB", "K" -> 1L << 10;
            case "MB", "M" -> 1L << 20;
            case "GB", "G" -> 1L << 30;
            case "bytes", "B" -> 1;
            default -> 0;
        };
        if (scale == 0) {
            return null;
        }
        int number = line.indexOf('#');
        String name = kind == MappingKind.METASPACE ? "metaspace node " : "class space node ";
        return new JvmRegion(start, start + Math.round(amount * scale), kind,
                name + line.substring(number + 1, line.indexOf(':', number)));
    }

    /** The hex addresses between the first '[' and the following ')' or ']', in order; none when there are none. */
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
            if (value < 0) {
                return new long[0];
            }
            addresses[i] = value;
        }
        return addresses;
    }

    /** The hex number starting at {@code from} (up to the first non-hex character), or -1. */
    private static long hexAt(String text, int from) {
        int end = from;
        while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == from || end - from > 16) {
            return -1;
        }
        return Long.parseUnsignedLong(text, from, end, 16);
    }
}
