package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What comes out is what went in: the head already read, then the rest, read ahead in pieces. */
class PrefetchingInputStreamTest {
    private static final int PIECE = PrefetchingInputStream.PIECE;
    private static final int HEAD = 1 << 16;

    @ParameterizedTest
    @ValueSource(ints = {HEAD, HEAD + 1, HEAD + PIECE - 1, HEAD + PIECE, HEAD + PIECE + 1, 11 * PIECE + 17})
    void returnsEveryByteInOrder(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        InputStream source = new TrickleStream(bytes);
        byte[] head = new byte[HEAD];
        assertThat(PrefetchingInputStream.fill(source, head)).isEqualTo(HEAD);
        try (InputStream in = PrefetchingInputStream.after(head, source)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aReadErrorAfterTheHeadReachesTheReader() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 3 * PIECE;

            @Override
            public int read() {
                throw new AssertionError("read in pieces");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left == 0) {
                    throw new IOException("No such process");
                }
                int n = Math.min(length, left);
                left -= n;
                return n;
            }
        };
        try (InputStream in = PrefetchingInputStream.after(new byte[HEAD], failing)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("No such process");
        }
    }

    @Test
    @Timeout(20)
    void anythingElseTheReaderThrowsReachesTheCallerInsteadOfAHang() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read in pieces");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        try (InputStream in = PrefetchingInputStream.after(new byte[HEAD], failing)) {
            assertThat(in.readNBytes(HEAD)).hasSize(HEAD);
            assertThatThrownBy(in::read).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
        }
    }

    /** Hands out at most a page per read, as the kernel does for smaps. */
    private static final class TrickleStream extends ByteArrayInputStream {
        TrickleStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 4096));
        }
    }
}
