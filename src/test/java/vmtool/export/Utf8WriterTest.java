package vmtool.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Utf8Writer writes the bytes the JDK's UTF-8 OutputStreamWriter writes, however the text is cut into calls. */
class Utf8WriterTest {

    @Property(tries = 2000)
    void sameBytesAsTheJdksEncoder(@ForAll @StringLength(max = 300) @CharRange(from = 0, to = 0xffff) String text,
                                   @ForAll @CharRange(from = 0, to = 0x2ff) char c) throws IOException {
        assertThat(written(true, text, c)).isEqualTo(written(false, text, c));
    }

    @Test
    void surrogatePairsAndLoneSurrogates() throws IOException {
        for (String text : new String[] {"a\ud83d\ude00b", "\ud83d", "\ude00", "x\ud83dy", "\ud83d\ud83d\ude00",
                "caf\u00e9 \u20ac \u2028", "plain ascii"}) {
            assertThat(written(true, text, 'z')).as(text).isEqualTo(written(false, text, 'z'));
        }
    }

    @Test
    void textLongerThanTheBufferIsWrittenWhole() throws IOException {
        String text = "0123456789abcdef".repeat(10_000) + "\u00e9";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new Utf8Writer(bytes)) {
            writer.write(text);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    }

    /**
     * The bytes of the text written by Utf8Writer (or the JDK's writer) in the ways Gson writes: a char, the whole
     * string, its halves, as chars, and char by char, then flushed.
     */
    private static byte[] written(boolean utf8Writer, String text, char c) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Writer target = utf8Writer ? new Utf8Writer(sink) : new OutputStreamWriter(sink, StandardCharsets.UTF_8);
        target.write(c);
        target.write(text);
        int half = text.length() / 2;
        target.write(text, 0, half);
        target.write(text, half, text.length() - half);
        target.write(text.toCharArray(), 0, text.length());
        for (int i = 0; i < text.length(); i++) {
            target.write(text.charAt(i));
        }
        target.flush();
        return sink.toByteArray();
    }
}
