package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reading of the target's bytes for people ({@link ByteText#shown}), and the exact one for JSON. */
class ByteTextTest {

    /** Bytes (one char per byte), and how they are shown. */
    @Test
    void showsUtf8DecodedAndEveryOtherByteOrControlEscaped() {
        String[][] cases = {
            {"/usr/lib/libc.so.6", "/usr/lib/libc.so.6"},
            {"", ""},
            {"caf\u00c3\u00a9.bin", "caf\u00e9.bin"},
            {"caf\u00e9.bin", "caf\\xe9.bin"},
            {"bad\u00ff", "bad\\xff"},
            {"esc\u001b[31mred", "esc\\x1b[31mred"},
            {"tab\tnew\nline\rdel\u007f", "tab\\x09new\\x0aline\\x0ddel\\x7f"},
            {"c1\u00c2\u009b2J", "c1\\xc2\\x9b2J"},
            {"rlo\u00e2\u0080\u00aeexe", "rlo\\xe2\\x80\\xaeexe"},
            {"lri\u00e2\u0081\u00a6x", "lri\\xe2\\x81\\xa6x"},
            {"ls\u00e2\u0080\u00a8x", "ls\\xe2\\x80\\xa8x"},
            {"nbsp\u00c2\u00a0x", "nbsp\u00a0x"},
            {"emoji\u00f0\u009f\u0098\u0080", "emoji\ud83d\ude00"},
            {"cut\u00e2\u0082", "cut\\xe2\\x82"},
            {"overlong\u00c0\u00af", "overlong\\xc0\\xaf"},
            {"surrogate\u00ed\u00a0\u0080", "surrogate\\xed\\xa0\\x80"},
            {"above\u00f4\u0090\u0080\u0080", "above\\xf4\\x90\\x80\\x80"},
            {"back\\slash", "back\\slash"},
            {"kernel\\012newline", "kernel\\012newline"},
        };
        for (String[] c : cases) {
            assertThat(ByteText.shown(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Property
    void showsNothingThatActsOnATerminalWhateverTheBytes(@ForAll @Size(max = 40) byte[] bytes) {
        String shown = ByteText.shown(ByteText.fromBytes(bytes));
        shown.codePoints().forEach(c -> assertThat(ByteText.actsOnTerminal(c)).as("U+%04X in %s", c, shown)
                .isFalse());
        // What is shown is unchanged when shown again: nothing is escaped twice.
        assertThat(ByteText.shownUnicode(shown)).isEqualTo(shown);
    }

    @Property
    void readsUtf8ExactlyAsTheJdksStrictDecoderDoes(@ForAll @Size(max = 12) byte[] bytes) {
        String jdk;
        try {
            jdk = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            jdk = null;
        }
        assertThat(ByteText.utf8OrNull(ByteText.fromBytes(bytes))).isEqualTo(jdk);
    }

    @Property
    void showsValidUtf8WithoutControlsAsItsText(@ForAll @Size(max = 20) String text) {
        String byteText = ByteText.fromUnicode(text);
        boolean plain = text.codePoints().noneMatch(ByteText::actsOnTerminal)
                && text.chars().noneMatch(c -> Character.isSurrogate((char) c));
        if (plain) {
            assertThat(ByteText.shown(byteText)).isEqualTo(text);
            assertThat(ByteText.shownUnicode(text)).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "caf\u00e9 \u001b[2J        | caf\u00e9 \\x1b[2J",
        "\u202eevil                 | \\xe2\\x80\\xaeevil",
        "\u0085next                 | \\xc2\\x85next",
    })
    void showsUnicodeTextWithItsControlsEscapedTheSameWay(String text, String shown) {
        assertThat(ByteText.shownUnicode(text)).isEqualTo(shown);
    }
}
