package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CNumbers.strtoul against what glibc's strtoul returns (value, and how far endptr moved). */
class CNumbersUnitTest {

    static Stream<Arguments> base0() {
        return Stream.of(
                Arguments.of("42", 42L, 2),
                Arguments.of("0", 0L, 1),
                Arguments.of("0x10", 16L, 4),
                Arguments.of("0X1a", 26L, 4),
                Arguments.of("010", 8L, 3),
                Arguments.of("0777", 511L, 4),
                Arguments.of("09", 0L, 1),
                Arguments.of("08", 0L, 1),
                Arguments.of("0x", 0L, 1),
                Arguments.of("0xg", 0L, 1),
                Arguments.of("12abc", 12L, 2),
                Arguments.of("1 2", 1L, 1),
                Arguments.of("  42", 42L, 4),
                Arguments.of("\t\n\u000b\f\r 7", 7L, 7),
                Arguments.of("+5", 5L, 2),
                Arguments.of("-1", -1L, 2),
                Arguments.of("-5", -5L, 2),
                Arguments.of("-0", 0L, 2),
                Arguments.of("+0x10", 16L, 5),
                Arguments.of("-0x10", -16L, 5),
                Arguments.of("18446744073709551615", -1L, 20),
                Arguments.of("18446744073709551614", -2L, 20),
                Arguments.of("18446744073709551616", -1L, 20),
                Arguments.of("99999999999999999999999", -1L, 23),
                Arguments.of("-18446744073709551616", -1L, 21),
                Arguments.of("0x10000000000000000", -1L, 19),
                Arguments.of("", 0L, 0),
                Arguments.of("   ", 0L, 0),
                Arguments.of("+", 0L, 0),
                Arguments.of("-", 0L, 0),
                Arguments.of(" -x", 0L, 0),
                Arguments.of("abc", 0L, 0),
                Arguments.of("\u0661", 0L, 0));
    }

    @ParameterizedTest(name = "strtoul(\"{0}\", 0) = {1}, end {2}")
    @MethodSource("base0")
    void base0(String text, long value, int end) {
        CNumbers.Parsed parsed = CNumbers.strtoul(text, 0);

        assertThat(parsed).isEqualTo(new CNumbers.Parsed(value, end));
    }

    static Stream<Arguments> base16() {
        return Stream.of(
                Arguments.of("7f00", 0x7f00L, 4),
                Arguments.of("7F00", 0x7f00L, 4),
                Arguments.of("0x7f00", 0x7f00L, 6),
                Arguments.of("0X7f00", 0x7f00L, 6),
                Arguments.of("010", 0x10L, 3),
                Arguments.of("ffffffffff600000", 0xffffffffff600000L, 16),
                Arguments.of("ffffffffffffffff", -1L, 16),
                Arguments.of("10000000000000000", -1L, 17),
                Arguments.of("0x", 0L, 1),
                Arguments.of("0xz", 0L, 1),
                Arguments.of("12g", 0x12L, 2),
                Arguments.of("  ab", 0xabL, 4),
                Arguments.of("-1", -1L, 2),
                Arguments.of("", 0L, 0),
                Arguments.of("g", 0L, 0),
                Arguments.of(",", 0L, 0));
    }

    @ParameterizedTest(name = "strtoul(\"{0}\", 16) = {1}, end {2}")
    @MethodSource("base16")
    void base16(String text, long value, int end) {
        CNumbers.Parsed parsed = CNumbers.strtoul(text, 16);

        assertThat(parsed).isEqualTo(new CNumbers.Parsed(value, end));
    }
}
