package vmtool.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.export.JsonSnapshot.MalformedSnapshot;
import vmtool.export.JsonSnapshot.Snapshot;
import vmtool.model.ByteText;

/**
 * Reading a snapshot through jackson-core ({@link SnapshotReader}): the JSON that RFC 8259 forbids refused in one
 * line naming the file, the line and the column; awkward strings read as Gson's strict reader reads them, whole or a
 * byte at a time (every token then straddles a refill); what Jackson reads beyond what a snapshot is (UTF-16, a
 * nesting deeper than its limit) refused too.
 */
class SnapshotReaderTest {
    /** A small snapshot, one mapping on line 2; NAME stands for the mapping's name as JSON. */
    private static final String TEMPLATE = "{\"format\":\"vmtool-address-space\",\"schema_version\":1,"
            + "\"read_from\":\"smaps\",\"process\":{\"pid\":7,\"comm\":\"x\",\"state\":\"S\"},\"shm_minor\":null,"
            + "\"mapping_count\":1,\"mappings\":[\n"
            + "{\"start\":\"00400000\",\"end\":\"00401000\",\"perms\":\"r-xp\",\"offset\":\"00000000\","
            + "\"device\":\"08:01\",\"inode\":1234,\"name\":NAME,\"kind\":\"program\",\"label\":\"\",\"tid\":0,"
            + "\"smaps\":{\"Size\":4,\"Rss\":4},\"vm_flags\":\"rd ex\"}]}\n";
    private static final String VALID = TEMPLATE.replace("NAME", "\"/bin/x\"");

    @Test
    void readsTheSnapshot() throws Exception {
        Snapshot snapshot = read(VALID);
        assertThat(snapshot.space().mappings()).singleElement()
                .satisfies(m -> assertThat(m.name()).isEqualTo("/bin/x"))
                .satisfies(m -> assertThat(m.inodeText()).isEqualTo("1234"))
                .satisfies(m -> assertThat(m.fields().value(1)).isEqualTo(4));
        assertThat(snapshot.shmMinor()).isEmpty();
        assertThat(rewritten(new ByteArrayInputStream(bytes(VALID))))
                .isEqualTo(rewritten(new Trickle(bytes(VALID))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"smaps\":{\"Size\":4,`          | `\"smaps\":{\"Size\":4,,`       | 2",
        "`\"Rss\":4}`                      | `\"Rss\":4,}`                  | 2",
        "`\"Size\":4`                      | `'Size':4`                     | 2",
        "`\"Size\":4`                      | `Size:4`                       | 2",
        "`\"Size\":4`                      | `\"Size\":/*c*/4`              | 2",
        "`\"Size\":4`                      | `\"Size\":04`                  | 2",
        "`\"Size\":4`                      | `\"Size\":NaN`                 | 2",
        "`\"Size\":4`                      | `\"Size\":4.`                  | 2",
        "`\"Size\":4`                      | `\"Size\":-`                   | 2",
        "`\"Size\":4`                      | `\"Size\":4e`                  | 2",
        "`\"Size\":4`                      | `\"Size\":4 5`                 | 2",
        "`\"shm_minor\":null`              | `\"shm_minor\":nul`            | 1",
        "`\"shm_minor\":null`              | `\"shm_minor\":nullx`          | 1",
        "`\"shm_minor\":null`              | `\"shm_minor\":[1 2]`          | 1",
        "`\"shm_minor\":null`              | `\"shm_minor\":[1,]`           | 1",
        "`\"/bin/x\"`                      | `\"/bin\\x\"`                  | 2",
        "`\"/bin/x\"`                      | `\"/bin\\u12g4\"`              | 2",
        "`\"Size\":4`                      | `\"Size\":1e999`               | 2",
        "`\"Size\":4`                      | `\"Size\":9223372036854775808` | 2",
        "`\"Size\":4`                      | `\"Size\":-9223372036854775809`| 2",
        "`\"Size\":4`                      | `\"Size\":\"4\"`               | 2",
        "`\"pid\":7`                       | `\"pid\":2147483648`           | 1",
        "`\"pid\":7`                       | `\"pid\":7.0`                  | 1",
        "`}]}`                             | `}]}{}`                        | 2",
        "`}]}`                             | `}]} x`                        | 2"})
    void refusesWhatJsonForbidsInOneLine(String from, String to, int line) {
        String document = VALID.replace(from, to);
        assertThat(document).isNotEqualTo(VALID);
        assertThatThrownBy(() -> read(document)).isInstanceOf(MalformedSnapshot.class)
                .hasMessageStartingWith("snap.json: line " + line + ": ").hasMessageContaining("(column ")
                .hasMessageNotContaining("\n").hasMessageNotContaining("Source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\ny", "x\ty", "x\u0000y", "\u001f"})
    void refusesAControlCharacterInAString(String name) {
        assertThatThrownBy(() -> read(VALID.replace("/bin/x", name))).isInstanceOf(MalformedSnapshot.class)
                .hasMessageStartingWith("snap.json: line 2: not valid JSON: Illegal unquoted character");
    }

    @Test
    void aTruncatedSnapshotIsRefusedAtEveryByte() {
        byte[] whole = bytes(VALID.strip());
        for (int length = 0; length < whole.length; length++) {
            byte[] part = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> JsonSnapshot.read(new ByteArrayInputStream(part), "snap.json"))
                    .as("the first %d bytes", length).isInstanceOf(MalformedSnapshot.class)
                    .hasMessageStartingWith("snap.json: line ").hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> read(VALID.substring(0, VALID.indexOf("\"smaps\":{") + 12)))
                .hasMessageContaining("line 2: the snapshot ends too early (truncated?)");
    }

    @Test
    void saysWhereItStands() {
        assertThatThrownBy(() -> read(VALID.replace("\"Rss\":4", "\"Rss\":x")))
                .hasMessageStartingWith("snap.json: line 2: not valid JSON: ")
                .hasMessageContaining("at /mappings/0/smaps/Rss)");
        assertThatThrownBy(() -> read(VALID.replace("\"perms\":\"r-xp\"", "\"perms\":\"rwxz\"")))
                .hasMessageStartingWith("snap.json: line 2: ").hasMessageEndingWith(", at /mappings/0)");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] document = bytes(VALID);
        int at = VALID.indexOf("/bin/x") + 1;
        document[at] = (byte) 0xff;
        assertThatThrownBy(() -> JsonSnapshot.read(new ByteArrayInputStream(document), "snap.json"))
                .isInstanceOf(MalformedSnapshot.class).hasMessageStartingWith("snap.json: line 2: ")
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> JsonSnapshot.read(new ByteArrayInputStream(VALID.getBytes(
                StandardCharsets.UTF_16LE)), "snap.json")).isInstanceOf(MalformedSnapshot.class)
                .hasMessageContaining("line 1: not UTF-8");
    }

    @Test
    void skipsUnknownMembersDeepAndMany() throws Exception {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 2000; i++) {
            many.append(i == 0 ? "" : ",").append("\"name").append(i).append("\":").append(i);
        }
        String added = ",\"many\":" + many + "},\"deep\":" + "[".repeat(400) + "]".repeat(400) + ",\"tid\":0";
        assertThat(read(VALID.replace(",\"tid\":0", added)).space().mappings()).hasSize(1);
        assertThatThrownBy(() -> read(VALID.replace(",\"tid\":0", ",\"deep\":" + "[".repeat(100_000))))
                .isInstanceOf(MalformedSnapshot.class).hasMessageStartingWith("snap.json: line 2: ")
                .hasMessageContaining("nesting depth").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "\"q\\b/\b\f\n\r\t", "\u0000\u001f\u00e9\u20ac", "\ud83d\ude00",
        "caf\u00e9 \u20ac \ud83d\ude00"})
    void readsAwkwardNamesAsGsonDoes(String name) throws Exception {
        assertNameReadAsGsonReadsIt(name);
    }

    @Property(tries = 300, seed = "20261202")
    void readsRandomNamesAsGsonDoes(@ForAll("names") String name) throws Exception {
        assertNameReadAsGsonReadsIt(name);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMaxLength(3000)
                .withChars("aZ09 \"\\/\n\t\u0000\u001f\u00e9\u20ac\ud83d\ude00".toCharArray());
    }

    /** The name quoted by Gson into the snapshot: read whole and a byte at a time, it is what Gson reads. */
    private static void assertNameReadAsGsonReadsIt(String name) throws Exception {
        StringWriter quoted = new StringWriter();
        new JsonWriter(quoted).value(name).close();
        String document = TEMPLATE.replace("NAME", quoted.toString());
        byte[] bytes = bytes(document);
        JsonReader gson = new JsonReader(new StringReader(new String(bytes(quoted.toString()), StandardCharsets.UTF_8)));
        gson.setStrictness(Strictness.STRICT);
        String expected = ByteText.fromUnicode(gson.nextString());
        assertThat(JsonSnapshot.read(new ByteArrayInputStream(bytes), "snap.json").space().mappings().get(0).name())
                .isEqualTo(expected);
        assertThat(JsonSnapshot.read(new Trickle(bytes), "snap.json").space().mappings().get(0).name())
                .isEqualTo(expected);
    }

    private static Snapshot read(String document) throws IOException, MalformedSnapshot {
        return JsonSnapshot.read(new ByteArrayInputStream(bytes(document)), "snap.json");
    }

    private static String rewritten(InputStream in) throws Exception {
        Snapshot snapshot = JsonSnapshot.read(in, "snap.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonSnapshot.write(snapshot.space(), snapshot.shmMinor(), Instant.EPOCH, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Gives one byte per read. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int next;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int b = read();
            if (b < 0) {
                return -1;
            }
            into[offset] = (byte) b;
            return 1;
        }
    }
}
