package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pid: procps pmap's rule (strtoul base 0 after a digit, 1 to 0x7fffffff, optionally /proc/), for every command. */
class PidTest {

    static Stream<Arguments> pids() {
        return Stream.of(
                Arguments.of("1", 1),
                Arguments.of("10280", 10280),
                Arguments.of("024050", 10280),
                Arguments.of("0x2828", 10280),
                Arguments.of("0X2828", 10280),
                Arguments.of("0x7fffffff", 0x7fffffff),
                Arguments.of("2147483647", 2147483647),
                Arguments.of("017777777777", 2147483647),
                Arguments.of("07", 7),
                Arguments.of("00012", 10),
                Arguments.of("/proc/1", 1),
                Arguments.of("/proc/024050", 10280),
                Arguments.of("/proc/0x2828", 10280));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("pids")
    void readsAsPmapDoes(String argument, int pid) {
        assertThat(Pid.parse(argument)).isEqualTo(pid);
    }

    @ParameterizedTest(name = "''{0}'' is not a PID")
    @ValueSource(strings = {"", "0", "00", "0x0", "-1", "+1", " 1", "1 ", "\t1", "08", "09", "0x", "0xg", "12abc",
            "1.0", "2147483648", "0x80000000", "020000000000", "4294967297", "18446744073709551617",
            "/proc/", "/proc/self", "/proc/1/", "/proc//1", "1/", "/proc/ 1", "/proc/-1", "/proc/0", "proc/1",
            "\u0661", "/PROC/1", "99999999999999999999", "/proc/12abc", "/procs/12", "1.5",
            "a b", "a;rm", "$x", "\u00e9t\u00e9", "-x", "/usr/bin/sleep",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void refusesWhatPmapRefuses(String argument) {
        assertThatThrownBy(() -> Pid.parse(argument)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + argument + "' is not a process id: give a number from 1 to 2147483647 (a leading 0"
                        + " is octal, 0x hex, as in C) or /proc/PID");
    }

    /** A program's name where its PID belongs: pgrep lists its PIDs. */
    @ParameterizedTest(name = "''{0}'' is a name")
    @ValueSource(strings = {"abc", "python3", "postgres", "memory-user", "ld.so", "g++"})
    void aNameIsToldWhereItsPidsAre(String argument) {
        assertThatThrownBy(() -> Pid.parse(argument)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + argument + "' is a name, not a process id: 'pgrep " + argument + "' lists the PIDs"
                        + " of the processes of that name (a PID is a number from 1 to 2147483647, or /proc/PID)");
    }

    @ParameterizedTest(name = "''{0}'' names no numeric PID")
    @ValueSource(strings = {"/proc/", "/proc/self", "/proc/thread-self", "/proc/ 1", "/proc/-1"})
    void procWithoutANumberIsTold(String argument) {
        assertThat(Pid.isProcWithoutNumber(argument)).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is not /proc/ without a number")
    @ValueSource(strings = {"1", "/proc/1", "/proc/0", "/proc/08", "self", "proc/self", ""})
    void otherArgumentsAreNot(String argument) {
        assertThat(Pid.isProcWithoutNumber(argument)).isFalse();
    }
}
