package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** stat's fields as vmtool reads them from the bytes: counted after the last ')', numbers as the JDK parses them. */
class StatLineTest {
    /** A stat line whose fields 4 (ppid), 9 (flags) and 28 (start of the stack) are given. */
    private static String line(String comm, String state, String ppid, String flags, String startStack) {
        return "4321 (" + comm + ") " + state + " " + ppid + " 4321 4321 0 -1 " + flags
                + " 101 0 0 0 0 0 0 0 20 0 1 0 903708 2990080 393 18446744073709551615 1 1 " + startStack
                + " 0 0 0 0 0 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    private static StatLine parse(String text) throws StatLine.Malformed {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return StatLine.parse(bytes, bytes.length);
    }

    @Test
    void theFieldsAfterTheName() throws Exception {
        StatLine stat = parse(line("bash", "S", "1", "4194560", "140733577975904"));

        assertThat(stat).isEqualTo(new StatLine("bash", 'S', 1, 4194560, 140733577975904L));
        assertThat(stat.kernelThread()).isFalse();
        assertThat(stat.exited()).isFalse();
    }

    @Test
    void aNameWithParenthesesAndSpacesEndsAtTheLastParenthesis() throws Exception {
        StatLine stat = parse(line("a) (b ) c", "Z", "77", "2129984", "0"));

        assertThat(stat.comm()).isEqualTo("a) (b ) c");
        assertThat(stat.state()).isEqualTo('Z');
        assertThat(stat.ppid()).isEqualTo(77);
        assertThat(stat.kernelThread()).isTrue();
        assertThat(stat.exited()).isTrue();
    }

    @Test
    void aNameIsItsBytesOneCharEach() throws Exception {
        byte[] bytes = line("caf\u00e9\u00ff", "S", "1", "0", "0").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(StatLine.parse(bytes, bytes.length).comm()).isEqualTo("caf\u00e9\u00ff");
    }

    @Test
    void numbersAreReadAsLongParseUnsignedLongReadsThem() throws Exception {
        // The largest, whose bits are -1; a leading plus; leading zeros; 19 digits.
        assertThat(parse(line("x", "S", "1", "0", "18446744073709551615")).startStack()).isEqualTo(-1L);
        assertThat(parse(line("x", "S", "+12", "0", "0")).ppid()).isEqualTo(12);
        assertThat(parse(line("x", "S", "0000000000000000000000007", "0", "0")).ppid()).isEqualTo(7);
        assertThat(parse(line("x", "S", "1", "0", "9223372036854775808")).startStack())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(parse(line("x", "S", "1", "0", "123456789012345678")).startStack())
                .isEqualTo(123456789012345678L);
    }

    @Test
    void whatIsNotANumberIsSaid() {
        assertThatThrownBy(() -> parse(line("x", "S", "1", "12x", "0")))
                .hasMessage("field 9 is not a number");
        assertThatThrownBy(() -> parse(line("x", "S", "-1", "0", "0")))
                .hasMessage("field 4 is not a number");
        assertThatThrownBy(() -> parse(line("x", "S", "1", "0", "18446744073709551616")))
                .hasMessage("field 28 is not a number");
        assertThatThrownBy(() -> parse(line("x", "S", "1", "0", "+")))
                .hasMessage("field 28 is not a number");
        // A parent id beyond an int.
        assertThatThrownBy(() -> parse(line("x", "S", "2147483648", "0", "0")))
                .hasMessage("field 4 is not a number");
    }

    @Test
    void aTextOfAnotherShapeIsMalformed() {
        assertThatThrownBy(() -> parse("4321 bash S 1\n")).hasMessage("no command name in parentheses");
        assertThatThrownBy(() -> parse("4321 )bash( S 1\n")).hasMessage("no command name in parentheses");
        assertThatThrownBy(() -> parse("4321 (bash) S 1 2 3\n")).hasMessage("fewer fields than expected");
        assertThatThrownBy(() -> parse(line("x", "SS", "1", "0", "0")))
                .hasMessage("field 3 is not a state letter");
    }

    @Test
    void throughAPathTheMessageNamesIt() {
        Path path = Path.of("/proc/4321/stat");
        byte[] bytes = "4321 (x) S\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> StatLine.parse(bytes, path))
                .isInstanceOfSatisfying(ProcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProcException.Kind.MALFORMED);
                    assertThat(e.path()).isEqualTo(path);
                })
                .hasMessage("/proc/4321/stat: fewer fields than expected");
        assertThatThrownBy(() -> StatLine.parse(bytes, bytes.length, "capture: line 7", null))
                .hasMessage("capture: line 7: fewer fields than expected");
    }
}
