package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What comes out is what went in, at every size around the piece that decides whether a thread reads ahead. */
class PrefetchingInputStreamTest {
    private static final int PIECE = PrefetchingInputStream.PIECE;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE, 11 * PIECE + 17})
    void returnsEveryByteInOrder(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        try (InputStream in = PrefetchingInputStream.of(new TrickleStream(bytes))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aReadErrorAfterTheFirstPieceReachesTheReader() throws IOException {
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
        try (InputStream in = PrefetchingInputStream.of(failing)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("No such process");
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
