package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vmtool.ChildVmtool;
import vmtool.ExitCode;

/**
 * WriteFailureTest's two cases through a real process's descriptor 1, as a shell sets it up: {@code > /dev/full}
 * and a pipe whose reader has closed it. A child JVM: not in the fast tier.
 */
@Tag("slow")
class WriteFailureProcessTest {
    @Test
    void aProcessWhoseStdoutIsFullOrClosed() throws Exception {
        try (SleepingProcess sleeping = new SleepingProcess()) {
            run(Long.toString(sleeping.pid()));
        }
    }

    private static void run(String pid) throws Exception {
        List<String> command = ChildVmtool.command("anatomy", pid);

        Process full = new ProcessBuilder(command).redirectOutput(new File("/dev/full")).start();
        String fullErr = new String(full.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(full.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(full.exitValue()).as(fullErr).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(fullErr).startsWith("vmtool anatomy: cannot write the output: ").hasLineCount(1);

        Process closed = new ProcessBuilder(command).start();
        closed.getInputStream().close();
        String closedErr = new String(closed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(closed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(closed.exitValue()).as(closedErr).isEqualTo(ExitCode.BROKEN_PIPE);
        assertThat(closedErr).isEmpty();
    }
}
