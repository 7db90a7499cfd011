package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import vmtool.nativeio.Libc;

class OffHeapBuffersTest {

    /** touch reads a buffer's address from the buffer itself: it is the number JNA's getDirectBufferPointer gives. */
    @Test
    void theAddressIsWhatJnaSays() {
        for (int size : new int[] {4096, 1 << 20, 3 << 20}) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(size);
            assertThat(Unsafes.addressOf(buffer)).isNotZero()
                    .isEqualTo(Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(buffer)));
        }
        assertThatThrownBy(() -> Unsafes.addressOf(java.nio.ByteBuffer.allocate(16)))
                .isInstanceOf(IllegalArgumentException.class);
    }
    private static final long MIB = 1 << 20;

    @Test
    void allocatedMemoryIsResidentAtThePrintedAddressAndTouchedWordByWord() throws Exception {
        try (OffHeapBuffers buffers = OffHeapBuffers.allocate(64 * MIB)) {
            assertThat(buffers.chunks()).hasSize(1);
            Chunk chunk = buffers.chunks().get(0);
            assertThat(chunk.size()).isEqualTo(64 * MIB);

            TouchLoop.readWrite(chunk, 0, chunk.size());
            TouchLoop.readWrite(chunk, 0, chunk.size());

            assertThat(chunk.buffer().getLong(0)).isEqualTo(2);
            assertThat(chunk.buffer().getLong(chunk.size() - 8)).isEqualTo(2);
            assertThat(residentFraction(chunk)).isEqualTo(1.0);
        }
    }

    @Test
    void pageModeWritesOneWordPerPageAndOthersAreLeftAlone() throws Exception {
        int pageSize = Unsafes.UNSAFE.pageSize();
        try (OffHeapBuffers buffers = OffHeapBuffers.allocate(MIB)) {
            Chunk chunk = buffers.chunks().get(0);
            TouchLoop.page(chunk, 0, chunk.size(), pageSize, 7);
            assertThat(chunk.buffer().getLong(0)).isEqualTo(7);
            assertThat(chunk.buffer().getLong(pageSize)).isEqualTo(7);
            assertThat(chunk.buffer().getLong(8)).isZero();
            TouchLoop.write(chunk, 0, chunk.size(), 9);
            assertThat(TouchLoop.read(chunk, 0, chunk.size())).isEqualTo(9L * (MIB / 8));
        }
    }

    @Test
    void kernelsRefuseRangesOutsideTheChunkOrNotWholeWords() throws Exception {
        try (OffHeapBuffers buffers = OffHeapBuffers.allocate(MIB)) {
            Chunk chunk = buffers.chunks().get(0);
            assertThatThrownBy(() -> TouchLoop.readWrite(chunk, 0, chunk.size() + 8))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> TouchLoop.read(chunk, -8, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> TouchLoop.write(chunk, 4, 16, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> TouchLoop.page(chunk, 16, 8, 4096, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(TouchLoop.read(chunk, 0, chunk.size())).isZero();
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        OffHeapBuffers buffers = OffHeapBuffers.allocate(MIB);
        buffers.close();
        buffers.close();
    }

    /** mincore: which pages of the chunk the kernel has in RAM. */
    static double residentFraction(Chunk chunk) throws Exception {
        long pageSize = Unsafes.UNSAFE.pageSize();
        long start = chunk.address() & -pageSize;
        long length = chunk.end() - start;
        byte[] pages = new byte[(int) ((length + pageSize - 1) / pageSize)];
        Libc.mincore(start, length, pages);
        long resident = 0;
        for (byte page : pages) {
            resident += page & 1;
        }
        return (double) resident / pages.length;
    }
}
