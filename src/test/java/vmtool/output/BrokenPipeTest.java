package vmtool.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BrokenPipe against the kernel's own failures: a FIFO without reader (EPIPE) and /dev/full (ENOSPC). */
class BrokenPipeTest {
    @TempDir
    Path temp;

    @Test
    void aWriteIntoAPipeWithoutReaderIsEpipe() throws Exception {
        IOException failure = failedWrite(RealWriteFailures.closedPipe(temp));

        assertThat(BrokenPipe.is(failure)).as(failure.toString()).isTrue();
        // FileOutputStream's text for EPIPE is NIO's, from which the reference is taken: both are strerror(EPIPE).
        assertThat(failure.getMessage()).isEqualTo(BrokenPipe.epipeMessage());
    }

    @Test
    void aFullDiskIsNot() throws Exception {
        IOException failure = failedWrite(RealWriteFailures.full());

        assertThat(BrokenPipe.is(failure)).as(failure.toString()).isFalse();
    }

    @Test
    void anEpipeWrappedByTheStandardOutputIsStillOne() throws Exception {
        IOException epipe = failedWrite(RealWriteFailures.closedPipe(temp));

        assertThat(BrokenPipe.is(new IOException(epipe.getMessage() + " while writing", epipe))).isTrue();
        assertThat(BrokenPipe.is(new IOException("cannot write", new IOException("no")))).isFalse();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(BrokenPipe.is(new FileNotFoundException("/nonexistent (No such file or directory)"))).isFalse();
        assertThat(BrokenPipe.is(new IOException((String) null))).isFalse();
    }

    private static IOException failedWrite(OutputStream stream) {
        try (stream) {
            IOException failure = catchThrowableOfType(() -> stream.write(new byte[] {'x', '\n'}), IOException.class);
            assertThat(failure).as("the write fails").isNotNull();
            return failure;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
