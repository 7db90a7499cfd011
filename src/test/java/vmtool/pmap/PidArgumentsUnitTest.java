package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * PID arguments as pmap's main loop reads them: each as model/Pid reads every command's (PidTest), and /proc/ with no
 * number passed over.
 */
class PidArgumentsUnitTest {

    /** The first argument that is not a PID stops the reading, named in the message (model/Pid's, PidTest). */
    @Test
    void aBadArgumentIsNamed() {
        assertThatThrownBy(() -> PidArguments.parse(List.of("1", "/proc/self", "/proc/12/", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'/proc/12/' is not a process id");
    }

    @Test
    void numbersAreReadAsEveryCommandReadsThem() {
        assertThat(PidArguments.parse(List.of("024050", "/proc/0x2828", "10280")).pids())
                .containsExactly(10280, 10280, 10280);
    }

    @Test
    void procArgumentsThatNameNoNumberAreSkipped() {
        PidArguments parsed = PidArguments.parse(List.of("/proc/self", "7", "/proc/", "/proc/thread-self", "0x8"));

        assertThat(parsed.pids()).containsExactly(7, 8);
        assertThat(parsed.skipped()).containsExactly("/proc/self", "/proc/", "/proc/thread-self");
    }

    @Test
    void orderAndDuplicatesAreKept() {
        assertThat(PidArguments.parse(List.of("3", "1", "3")).pids()).containsExactly(3, 1, 3);
    }

    @Test
    void noArguments() {
        PidArguments parsed = PidArguments.parse(List.of());

        assertThat(parsed.pids()).isEmpty();
        assertThat(parsed.skipped()).isEmpty();
    }
}
