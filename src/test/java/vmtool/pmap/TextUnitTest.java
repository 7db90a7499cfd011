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
        assertThat(Text.mode(sink(), Permissions.parse(perms))).hasToString(mode);
    }

    @Test
    void right() {
        assertThat(Text.right(sink().append(">"), "ab", 5)).hasToString(">   ab");
        assertThat(Text.right(sink(), "abcdef", 3)).as("never cut").hasToString("abcdef");
    }

    @Test
    void left() {
        assertThat(Text.left(sink(), "ab", 5).append('|')).hasToString("ab   |");
        assertThat(Text.left(sink(), "abcdef", 3)).hasToString("abcdef");
    }

    @Test
    void hex() {
        assertThat(Text.hex(sink(), 0x55d2ab371000L, 16)).hasToString("000055d2ab371000");
        assertThat(Text.hex(sink(), 0xffffffffff600000L, 16)).hasToString("ffffffffff600000");
        assertThat(Text.hex(sink(), 0, 8)).hasToString("00000000");
        assertThat(Text.hex(sink(), 0x123456789L, 8)).hasToString("123456789");
    }

    @Test
    void number() {
        assertThat(Text.number(sink(), 2924, 6)).hasToString("  2924");
        assertThat(Text.number(sink(), -1L, 6)).hasToString("18446744073709551615");
    }

    @Test
    void digitsOfEveryLength() {
        long power = 1;
        for (int digits = 1; digits <= 19; digits++, power = digits <= 19 ? power * 10 : power) {
            // The smallest value of this many digits, one with the largest first digit, the largest of one fewer.
            for (long value : new long[] {power, power * 9, power - 1}) {
                assertThat(Text.digits(value)).as("%d", value).isEqualTo(Long.toString(value).length());
                assertThat(Text.number(sink(), value, 0)).hasToString(Long.toString(value));
            }
        }
        assertThat(Text.number(sink(), Long.MAX_VALUE, 3)).hasToString(Long.toString(Long.MAX_VALUE));
        assertThat(Text.number(sink(), 0, 3)).hasToString("  0");
        assertThat(Text.number(sink(), Integer.MAX_VALUE + 1L, 0)).hasToString("2147483648");
    }

    @Test
    void hexOfEveryLength() {
        for (int shift = 0; shift < 64; shift += 4) {
            long value = 0xfL << shift | 0x1;
            assertThat(Text.hex(sink(), value, 0)).hasToString(Long.toHexString(value));
            assertThat(Text.rightHex8(sink(), value, 20)).hasToString(
                    String.format("%20s", String.format("%08x", value)));
        }
        assertThat(Text.hex(sink(), 0, 0)).hasToString("0");
    }

    @Test
    void aRowLongerThanTheBufferGrowsIt() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TextSink sink = new TextSink(bytes);
        String name = "n".repeat(200_000);
        sink.append("x ").append(name).append('\n');
        sink.flush();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("x " + name + "\n");
    }

    @Test
    void bytesAboveAsciiAreWrittenAsTheyWereRead() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TextSink sink = new TextSink(bytes);
        sink.append("caf\u00c3\u00a9");
        sink.flush();
        assertThat(bytes.toByteArray()).containsExactly('c', 'a', 'f', 0xc3, 0xa9);
    }

    /**
     * The detail row's number columns, written as one blank block and the digits, equal a blank and {@code %*lu} per
     * column: when a value fits, when one is wider than its column (a wrapped total in a crafted saved file), when one
     * is past 2^63, and when the row has fewer values than columns.
     */
    @ParameterizedTest(name = "{0} in {1}, count {2}")
    @CsvSource(delimiter = ';', value = {
        "4,0,123,1048576; 4,4,8,9; 4",
        "0,0,0; 1,1,1; 3",
        "12345,7; 4,6; 2",
        "7,12345,7; 4,3,4; 3",
        "-1,5; 6,4; 2",
        "9,8; 5,5,5; 2",
        "1000000000000000000,0; 19,1; 2"})
    void numberColumns(String valueList, String widthList, int count) {
        String[] valueText = valueList.split(",");
        String[] widthText = widthList.split(",");
        long[] values = new long[widthText.length];
        int[] widths = new int[widthText.length];
        int[] ends = new int[widthText.length];
        int end = 0;
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Integer.parseInt(widthText[c]);
            end += 1 + widths[c];
            ends[c] = end - 1;
        }
        for (int c = 0; c < valueText.length; c++) {
            values[c] = Long.parseLong(valueText[c]);
        }
        byte[] blanks = new byte[end];
        java.util.Arrays.fill(blanks, (byte) ' ');
        TextSink expected = sink().append('|');
        for (int c = 0; c < widths.length; c++) {
            expected.append(' ');
            if (c < count) {
                Text.number(expected, values[c], widths[c]);
            } else {
                expected.repeat(' ', widths[c]);
            }
        }
        assertThat(sink().append('|').numberColumns(blanks, ends, widths, values, count).append('|'))
                .hasToString(expected.append('|').toString());
    }

    private static TextSink sink() {
        return new TextSink(java.io.OutputStream.nullOutputStream());
    }

    @Test
    void repeat() {
        assertThat(sink().repeat('=', 3)).hasToString("===");
        assertThat(sink().repeat('=', 0)).hasToString("");
    }
}
