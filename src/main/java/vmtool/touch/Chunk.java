package vmtool.touch;

import java.nio.ByteBuffer;

/**
 * One direct buffer of the memory being touched, and where it lives.
 *
 * @param buffer  native byte order, capacity a multiple of 8
 * @param address the virtual address of the buffer's first byte
 * @param offset  where this chunk starts within the whole memory, in bytes
 */
public record Chunk(ByteBuffer buffer, long address, long offset) {
    public int size() {
        return buffer.capacity();
    }

    /** The address just past the last byte. */
    public long end() {
        return address + buffer.capacity();
    }
}
