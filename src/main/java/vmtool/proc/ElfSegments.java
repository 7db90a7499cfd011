package vmtool.proc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The loadable segments of an ELF file, from its program headers: what the loader maps, and how far each reaches in
 * memory (its zero-filled tail, the bss, included). Only what tells a library's bss from memory that merely lies
 * after it; 32- and 64-bit, either byte order.
 */
final class ElfSegments {
    /** One PT_LOAD entry. */
    record Load(long offset, long vaddr, long fileSize, long memorySize) {
    }

    private static final int PT_LOAD = 1;
    /**
     * What is read of a file: its program headers follow the 64-byte file header, a few hundred bytes in all. A file
     * whose headers reach beyond (none that a linker writes) gives no segments.
     */
    static final int HEADER_BYTES = 4096;

    private final List<Load> loads;

    private ElfSegments(List<Load> loads) {
        this.loads = List.copyOf(loads);
    }

    List<Load> loads() {
        return loads;
    }

    /**
     * Reads the program headers from the first bytes of a file (as many as it has, up to {@link #HEADER_BYTES});
     * empty when it is not ELF, or is cut short before its program headers end, or has no loadable segment.
     */
    static Optional<ElfSegments> parse(byte[] head, int length) {
        if (length < 52 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return Optional.empty();
        }
        boolean wide = head[4] == 2;
        if (!wide && head[4] != 1 || head[5] != 1 && head[5] != 2 || wide && length < 64) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(head, 0, length)
                .order(head[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long tableOffset = wide ? bytes.getLong(32) : Integer.toUnsignedLong(bytes.getInt(28));
        int entrySize = Short.toUnsignedInt(bytes.getShort(wide ? 54 : 42));
        int entries = Short.toUnsignedInt(bytes.getShort(wide ? 56 : 44));
        if (entrySize < (wide ? 56 : 32) || tableOffset < 0 || tableOffset + (long) entrySize * entries > length) {
            return Optional.empty();
        }
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int at = (int) tableOffset + i * entrySize;
            if (bytes.getInt(at) != PT_LOAD) {
                continue;
            }
            loads.add(wide
                    ? new Load(bytes.getLong(at + 8), bytes.getLong(at + 16), bytes.getLong(at + 32),
                            bytes.getLong(at + 40))
                    : new Load(Integer.toUnsignedLong(bytes.getInt(at + 4)), Integer.toUnsignedLong(bytes.getInt(at + 8)),
                            Integer.toUnsignedLong(bytes.getInt(at + 16)), Integer.toUnsignedLong(bytes.getInt(at + 20))));
        }
        return loads.isEmpty() ? Optional.empty() : Optional.of(new ElfSegments(loads));
    }

    /**
     * The address just past the last loaded byte of this file's image (bss included), when the loader mapped the
     * file's first page at {@code firstPage}: it maps the first segment (file offset 0) at the image's base plus the
     * segment's address, and every other segment at the base plus its own. Empty when the first segment does not
     * start in the file's first page, which no loader's input does.
     */
    OptionalLong imageEnd(long firstPage) {
        Load first = loads.get(0);
        long end = 0;
        for (Load load : loads) {
            if (Long.compareUnsigned(load.offset(), first.offset()) < 0) {
                first = load;
            }
            long loadEnd = load.vaddr() + load.memorySize();
            if (Long.compareUnsigned(loadEnd, end) > 0) {
                end = loadEnd;
            }
        }
        if (Long.compareUnsigned(first.offset(), SMALLEST_PAGE) >= 0) {
            return OptionalLong.empty();
        }
        // The page that holds file offset 0 is at the segment's address less its offset (both lie in one page).
        long base = firstPage - first.vaddr() + first.offset();
        return OptionalLong.of(base + end);
    }

    private static final long SMALLEST_PAGE = 4096;
}
