package vmtool.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CRLF ends become LF; every other CR stays, at the end of a read buffer and of the text too. */
class CrlfToLfTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a\\r\\nb\\r\\n|a\\nb\\n",
        "name\\r\\r\\n|name\\r\\n",
        "lone\\rcr\\r\\n|lone\\rcr\\n",
        "ends in cr\\r|ends in cr\\r",
        "\\r\\n\\r\\n|\\n\\n"})
    void crlfBecomesLfAndOtherCrsStay(String given, String expected) throws IOException {
        String text = unescape(given);
        for (int chunk : new int[] {1, 2, 3, 64}) {
            assertThat(read(new CrlfToLf(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))), chunk))
                    .as("read %d bytes at a time", chunk).isEqualTo(unescape(expected));
        }
    }

    private static String read(InputStream in, int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = in.read(buffer, 0, chunk)) >= 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
