package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.model.Mapping;
import vmtool.proc.SmapsParser;

/** -A low[,high]: parsed as pmap's range_arguments does (hex strtoul, each side must be used up). */
class AddressRangeUnitTest {

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("7f00", 0x7f00L, 0x7f00L),
                Arguments.of("7f00,", 0x7f00L, -1L),
                Arguments.of(",7f00", 0L, 0x7f00L),
                Arguments.of(",", 0L, -1L),
                Arguments.of("", 0L, -1L),
                Arguments.of("1000,2000", 0x1000L, 0x2000L),
                Arguments.of("0x1000,0X2000", 0x1000L, 0x2000L),
                Arguments.of(" 1000, 2000", 0x1000L, 0x2000L),
                Arguments.of("ffffffffff600000,ffffffffffffffff", 0xffffffffff600000L, -1L),
                Arguments.of("2000,1000", 0x2000L, 0x1000L));
    }

    @ParameterizedTest(name = "-A \"{0}\"")
    @MethodSource("ranges")
    void parse(String argument, long low, long high) {
        assertThat(AddressRange.parse(argument)).isEqualTo(new AddressRange(low, high));
    }

    @ParameterizedTest(name = "-A \"{0}\" is refused")
    @ValueSource(strings = {"xyz", "7f00g", "7f00,xyz", "7f00,,", ",,", "1000 ", "1000,2000 ", "g,", ",g", "0x"})
    void badInput(String argument) {
        assertThatThrownBy(() -> AddressRange.parse(argument))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + argument + "'");
    }

    @Test
    void overlapIsInclusiveAtBothEndsOfTheRangeAndExclusiveAtTheMappingsEnd() throws Exception {
        Mapping mapping = SmapsParser.parse("00002000-00003000 rw-p 00000000 00:00 0 \n"
                .getBytes(StandardCharsets.ISO_8859_1), "test").get(0);

        assertThat(new AddressRange(0x2fff, 0x2fff).overlaps(mapping)).isTrue();
        assertThat(new AddressRange(0x3000, 0x4000).overlaps(mapping)).isFalse();
        assertThat(new AddressRange(0x1000, 0x2000).overlaps(mapping)).isTrue();
        assertThat(new AddressRange(0x1000, 0x1fff).overlaps(mapping)).isFalse();
        assertThat(new AddressRange(0x1000, 0x1fff).isAbove(mapping)).as("the mapping lies above").isTrue();
        assertThat(new AddressRange(0x1000, 0x1fff).isBelow(mapping)).isFalse();
        assertThat(new AddressRange(0x3000, -1L).isBelow(mapping)).isTrue();
        assertThat(new AddressRange(0, 0x1fff).isAbove(mapping)).isTrue();
        assertThat(AddressRange.ALL.overlaps(mapping)).isTrue();
    }

    @Test
    void addressesAboveLongMaxCompareUnsigned() throws Exception {
        Mapping vsyscall = SmapsParser.parse("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 \n"
                .getBytes(StandardCharsets.ISO_8859_1), "test").get(0);

        assertThat(AddressRange.parse("7f0000000000,").overlaps(vsyscall)).isTrue();
        assertThat(AddressRange.parse(",7fffffffffff").overlaps(vsyscall)).isFalse();
        assertThat(AddressRange.parse("ffffffffff600fff").overlaps(vsyscall)).isTrue();
    }
}
