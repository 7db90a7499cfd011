package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A process whose memory read failed (ESRCH from smaps_rollup) is counted as exited when stat says it is ending:
 * a zombie, or PF_EXITING in its flags while its state still says running (do_exit gives up the memory first).
 */
class StatLineExitingTest {
    /** A stat line as the kernel writes it (52 fields), with this state and flags. */
    private static StatLine stat(char state, long flags) throws ProcException {
        String line = "4242 (a) b) " + state + " 1 4242 4242 0 -1 " + flags
                + " 120 0 0 0 0 0 0 0 20 0 1 0 12345 2981888 216 18446744073709551615 1 1 140737488346800 0 0 0 0 0"
                + " 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        return StatLine.parse(line.getBytes(StandardCharsets.US_ASCII), Path.of("/proc/4242/stat"));
    }

    @Test
    void aRunningProcessIsNotExiting() throws ProcException {
        StatLine running = stat('R', 0x400000);
        assertThat(running.comm()).isEqualTo("a) b");
        assertThat(running.startStack()).isEqualTo(140737488346800L);
        assertThat(running.exited()).isFalse();
        assertThat(running.exiting()).isFalse();
    }

    @Test
    void pfExitingWhileStillRunningIsExiting() throws ProcException {
        StatLine ending = stat('R', 0x400004);
        assertThat(ending.exited()).isFalse();
        assertThat(ending.exiting()).isTrue();
        assertThat(stat('D', 0x404044).exiting()).isTrue();
    }

    @Test
    void zombiesAndDeadProcessesHaveExited() throws ProcException {
        assertThat(stat('Z', 0x400004).exited()).isTrue();
        assertThat(stat('X', 0).exiting()).isTrue();
    }
}
