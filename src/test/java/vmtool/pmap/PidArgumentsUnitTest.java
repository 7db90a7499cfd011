package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PID arguments as pmap's main loop reads them: /proc/ prefix, a leading digit, strtoul base 0, 1..0x7fffffff. */
class PidArgumentsUnitTest {

    static Stream<Arguments> pids() {
        return Stream.of(
                Arguments.of("1", 1),
                Arguments.of("1234", 1234),
                Arguments.of("/proc/1234", 1234),
                Arguments.of("0x10", 16),
                Arguments.of("0X10", 16),
                Arguments.of("010", 8),
                Arguments.of("/proc/010", 8),
                Arguments.of("/proc/0x10", 16),
                Arguments.of("2147483647", Integer.MAX_VALUE),
                Arguments.of("0x7fffffff", Integer.MAX_VALUE),
                Arguments.of("017777777777", Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} is PID {1}")
    @MethodSource("pids")
    void pid(String argument, int pid) {
        PidArguments parsed = PidArguments.parse(List.of(argument));

        assertThat(parsed.pids()).containsExactly(pid);
        assertThat(parsed.skipped()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is not a PID")
    @ValueSource(strings = {"09", "0", "00", "0x0", "2147483648", "0x80000000", "4294967297", "99999999999999999999",
            "12abc", "abc", "", "-1", "+1", " 1", "1 ", "/proc/12/", "/proc/12abc", "/procs/12", "proc/12", "0x",
            "1.5"})
    void notAPid(String argument) {
        assertThatThrownBy(() -> PidArguments.parse(List.of("1", argument)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + argument + "'");
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
