package vmtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's smaps as the kernel reports it at one moment, read by the test itself (not by vmtool's parser): what
 * a test that counts resident memory compares with. Whether a page is resident after a read fault, how large a
 * fault's folio is (THP, mTHP) differs by kernel and setting; what the kernel says at that moment does not.
 */
public final class KernelSmaps {
    private final String text;
    /** A mapping's start address to its "Key: N kB" fields. */
    private final Map<Long, Map<String, Long>> fieldsByStart = new HashMap<>();
    /** A mapping's start address to its end. */
    private final TreeMap<Long, Long> endByStart = new TreeMap<>(Long::compareUnsigned);

    private KernelSmaps(String text) {
        this.text = text;
        Map<String, Long> current = null;
        for (String line : text.split("\n")) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && isHex(line.substring(0, dash))) {
                current = new HashMap<>();
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                fieldsByStart.put(start, current);
                endByStart.put(start, Long.parseUnsignedLong(line.substring(dash + 1, space), 16));
            } else if (current != null && line.endsWith(" kB")) {
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon),
                        Long.parseLong(line.substring(colon + 1, line.length() - " kB".length()).strip()));
            }
        }
    }

    /** /proc/PID/smaps, read now. */
    public static KernelSmaps of(long pid) throws IOException {
        return new KernelSmaps(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "smaps")),
                StandardCharsets.ISO_8859_1));
    }

    /** The text as read, byte for byte (ISO-8859-1 keeps every byte). */
    public String text() {
        return text;
    }

    /** The start of the mapping that holds {@code address}. */
    public long startOf(long address) {
        Map.Entry<Long, Long> mapping = endByStart.floorEntry(address);
        if (mapping == null || Long.compareUnsigned(address, mapping.getValue()) >= 0) {
            throw new IllegalArgumentException("no mapping holds 0x" + Long.toHexString(address) + " in:\n" + text);
        }
        return mapping.getKey();
    }

    /** Field {@code key} (Rss, Pss, Private_Dirty...) of the mapping that starts at {@code start}, in kB. */
    public long kb(long start, String key) {
        Map<String, Long> fields = fieldsByStart.get(start);
        if (fields == null) {
            throw new IllegalArgumentException("no mapping starts at 0x" + Long.toHexString(start) + " in:\n" + text);
        }
        Long value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the mapping at 0x" + Long.toHexString(start) + " has no " + key);
        }
        return value;
    }

    /** Shared_Dirty + Private_Dirty of the mapping at {@code start}: what vmtool calls its dirty memory. */
    public long dirtyKb(long start) {
        return kb(start, "Shared_Dirty") + kb(start, "Private_Dirty");
    }

    private static boolean isHex(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
