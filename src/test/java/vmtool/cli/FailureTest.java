package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;
import vmtool.output.RealWriteFailures;

/**
 * Failure sorts what stopped a command by type: a write to standard output that failed (EPIPE: 141 and silent;
 * anything else: the write-failure status), a file name the locale cannot hold (the command's failure status), and
 * anything else, a bug (the internal-error status) — never one status standing for another.
 */
class FailureTest {
    private static final Failure.Statuses ANATOMY = Failure.Statuses.of("anatomy", ExitCode.INPUT_FAILURE);
    private static final Failure.Statuses PMAP = Failure.Statuses.of("pmap", ExitCode.PMAP_FAILURE);
    @TempDir
    Path temp;
    private final StringWriter err = new StringWriter();

    @Test
    void eachKindOfFailureHasItsOwnStatus() throws Exception {
        assertThat(report(writeFailure(RealWriteFailures.closedPipe(temp)), ANATOMY)).isEqualTo(ExitCode.BROKEN_PIPE);
        assertThat(err.toString()).isEmpty();

        assertThat(report(writeFailure(RealWriteFailures.full()), ANATOMY)).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(err.toString()).startsWith("vmtool anatomy: cannot write the output: ").hasLineCount(1);

        assertThat(report(new IllegalStateException("a bug"), ANATOMY)).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(err.toString()).contains("vmtool anatomy: internal error: java.lang.IllegalStateException: a bug");

        assertThat(report(new java.nio.file.InvalidPathException("caf\u00e9", "unmappable"), ANATOMY))
                .isEqualTo(ExitCode.INPUT_FAILURE);
    }

    /** pmap's statuses are procps's: 1 for a failed write and for a bug alike; 141 for a closed pipe all the same. */
    @Test
    void pmapsAreProcpss() throws Exception {
        assertThat(report(writeFailure(RealWriteFailures.full()), PMAP)).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(report(new IllegalStateException("a bug"), PMAP)).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(report(writeFailure(RealWriteFailures.closedPipe(temp)), PMAP)).isEqualTo(ExitCode.BROKEN_PIPE);
    }

    /** An EPIPE that is not standard output's (a socket to a JVM, say) is no closed pipe of ours: a failure. */
    @Test
    void anEpipeElsewhereIsNotAClosedStandardOutput() throws Exception {
        IOException epipe = writeFailure(RealWriteFailures.closedPipe(temp)).getCause() instanceof IOException cause
                ? cause : null;

        assertThat(epipe).isNotNull();
        assertThat(report(new IOException("talking to the JVM", epipe), ANATOMY)).isEqualTo(ExitCode.INTERNAL_ERROR);
    }

    private int report(Throwable failure, Failure.Statuses statuses) {
        err.getBuffer().setLength(0);
        return Failure.report("vmtool anatomy", failure, new PrintWriter(err), statuses, false);
    }

    /** What standard output throws when the kernel refuses a write to {@code stream}. */
    private static IOException writeFailure(OutputStream stream) throws IOException {
        try (StandardOutput out = new StandardOutput(stream)) {
            out.write('x');
            out.flush();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("the write did not fail");
    }
}
