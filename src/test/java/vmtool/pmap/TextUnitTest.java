package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.model.Permissions;

/** printf pieces: the five-letter mode and the fixed-width fields. */
class TextUnitTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "r-xp, r-x--",
        "rw-s, rw-s-",
        "r--p, r----",
        "---p, -----",
        "rwxs, rwxs-",
        "-w-p, -w---"})
    void mode(String perms, String mode) {
        assertThat(Text.mode(new StringBuilder(), Permissions.parse(perms))).hasToString(mode);
    }

    @Test
    void right() {
        assertThat(Text.right(new StringBuilder(">"), "ab", 5)).hasToString(">   ab");
        assertThat(Text.right(new StringBuilder(), "abcdef", 3)).as("never cut").hasToString("abcdef");
    }

    @Test
    void left() {
        assertThat(Text.left(new StringBuilder(), "ab", 5).append('|')).hasToString("ab   |");
        assertThat(Text.left(new StringBuilder(), "abcdef", 3)).hasToString("abcdef");
    }

    @Test
    void hex() {
        assertThat(Text.hex(new StringBuilder(), 0x55d2ab371000L, 16)).hasToString("000055d2ab371000");
        assertThat(Text.hex(new StringBuilder(), 0xffffffffff600000L, 16)).hasToString("ffffffffff600000");
        assertThat(Text.hex(new StringBuilder(), 0, 8)).hasToString("00000000");
        assertThat(Text.hex(new StringBuilder(), 0x123456789L, 8)).hasToString("123456789");
    }

    @Test
    void number() {
        assertThat(Text.number(new StringBuilder(), 2924, 6)).hasToString("  2924");
        assertThat(Text.number(new StringBuilder(), -1L, 6)).hasToString("18446744073709551615");
    }

    @Test
    void repeat() {
        assertThat(Text.repeat(new StringBuilder(), '=', 3)).hasToString("===");
        assertThat(Text.repeat(new StringBuilder(), '=', 0)).hasToString("");
    }
}
