package vmtool.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The snapshot's JSON reader against Gson's strict reader, which it replaced for reading: the same tokens and
 * values from the same documents (hand-picked awkward ones, and random ones Gson writes), read whole or a byte at a
 * time (every token then straddles a refill); what JSON forbids refused with a message and where it is.
 */
class Utf8JsonReaderTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "{\"a\":[]}", "[[],{},[[]]]", " \r\n\t{ \"a\" : 1 , \"b\" :\n[ true , false , null ] } \n",
        "{\"n\":[0,-0,1,-1,9223372036854775807,-9223372036854775808,9223372036854775808,1.5,-2.25e3,1E+2,1e-2]}",
        "{\"s\":[\"\",\"plain\",\"\\\"q\\\\b\\/\\b\\f\\n\\r\\t\",\"\\u0000\\u001f\\u00e9\\u20ac\",\"\\ud83d\\ude00\"]}",
        "{\"utf8\":\"caf\u00e9 \u20ac \ud83d\ude00\",\"k\u00e9y\":1,\"esc\\u0041ped\":2}",
        "{\"a\":{\"a\":{\"a\":{\"a\":[1,[2,[3]]]}}}}"})
    void readsWhatGsonReads(String document) throws IOException {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(ours(new ByteArrayInputStream(bytes))).isEqualTo(gsons(bytes));
        assertThat(ours(new Trickle(bytes))).isEqualTo(gsons(bytes));
    }

    @Property(tries = 300, seed = "20261202")
    void readsRandomDocumentsAsGsonDoes(@ForAll("documents") String document) throws IOException {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        List<String> gson = gsons(bytes);
        assertThat(ours(new ByteArrayInputStream(bytes))).isEqualTo(gson);
        assertThat(ours(new Trickle(bytes))).isEqualTo(gson);
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40)
                .withChars("aZ09 \"\\/\n\t\u0000\u001f\u00e9\u20ac\ud83d\ude00".toCharArray());
        Arbitrary<Long> numbers = Arbitraries.longs();
        return text.list().ofMaxSize(5).list().ofMaxSize(300)
                .flatMap(rows -> numbers.list().ofSize(rows.size()).map(values -> write(rows, values)));
    }

    /** An object of arrays of strings, each array under a name and followed by a number: up to ~70 KB. */
    private static String write(List<List<String>> rows, List<Long> values) {
        try {
            StringWriter out = new StringWriter();
            JsonWriter json = new JsonWriter(out);
            json.beginObject();
            for (int i = 0; i < rows.size(); i++) {
                json.name((rows.get(i).isEmpty() ? "" : rows.get(i).get(0)) + "#" + i).beginArray(); // unique
                for (String s : rows.get(i)) {
                    json.value(s);
                }
                json.endArray();
                json.name("n" + i).value(values.get(i));
            }
            json.endObject().close();
            return out.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":1,}                 | expected a name in double quotes   | 1 | 8",
        "{\"a\":[1,]}               | expected a value                   | 1 | 9",
        "{\"a\" 1}                  | expected ':' after a name          | 1 | 6",
        "{a:1}                      | expected a name in double quotes   | 1 | 2",
        "{'a':1}                    | expected a name in double quotes   | 1 | 2",
        "{\"a\":01}                 | expected a value                   | 1 | 6",
        "{\"a\":1.}                 | expected a digit                   | 1 | 6",
        "{\"a\":-}                  | expected a digit                   | 1 | 6",
        "{\"a\":1e}                 | expected a digit                   | 1 | 6",
        "{\"a\":NaN}                | expected a value                   | 1 | 6",
        "{\"a\":tru}                | expected a value                   | 1 | 6",
        "{\"a\":truex}              | expected a value                   | 1 | 6",
        "{\"a\":1 2}                | expected ',' or '}' in an object   | 1 | 8",
        "{\"a\":[1 2]}              | expected ',' or ']' in an array    | 1 | 9",
        "{\"a\":\"\\x\"}            | an escape that JSON does not have  | 1 | 7",
        "{\"a\":\"\\u12g4\"}        | \\u not followed by four hex digits | 1 | 7",
        "{\"a\":/*c*/1}             | expected a value                   | 1 | 6",
        "{}{}                       | text after the end of the document | 1 | 3"})
    void refusesWhatJsonForbids(String document, String message, int line, int column) {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> {
            List<String> events = new ArrayList<>();
            walk(json, events);
            json.peek();
        }).isInstanceOf(Utf8JsonReader.Malformed.class).hasMessageContaining(message);
        assertThat(json.line()).isEqualTo(line);
        assertThat(json.column()).isEqualTo(column);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"x\ny\"}", "{\"a\":\"\t\"}", "{\"a\":\"\u0000\"}"})
    void refusesAControlCharacterInAString(String document) {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> walk(json, new ArrayList<>())).isInstanceOf(Utf8JsonReader.Malformed.class)
                .hasMessageContaining("a control character in a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\"", "{\"a\":", "{\"a\":\"b", "{\"a\":[1,", "{\"a\":tr", "{\"a\":\"\\u00"})
    void aTruncatedDocumentIsAnEndOfFile(String document) {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> walk(json, new ArrayList<>())).isInstanceOf(EOFException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1e999                  | expected a whole number, found 1e999",
        "9223372036854775808    | a number out of range",
        "-9223372036854775809   | a number out of range",
        "12345678901234567890   | a number out of range",
        "\"12\"                 | expected a number but was STRING"})
    void aLongIsWholeAndInRange(String value, String message) {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(("{\"v\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> {
            json.beginObject();
            json.nextName();
            json.nextLong();
        }).isInstanceOf(Utf8JsonReader.Malformed.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"2147483647, 2147483647", "-2147483648, -2147483648"})
    void anIntInRange(String value, int expected) throws IOException {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(("[" + value + ",2147483648]")
                .getBytes(StandardCharsets.UTF_8)));
        json.beginArray();
        assertThat(json.nextInt()).isEqualTo(expected);
        assertThatThrownBy(json::nextInt).hasMessage("a number out of range");
    }

    @org.junit.jupiter.api.Test
    void saysWhereItStandsAsGsonDoes() throws IOException {
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(
                "{\"a\": [1, {\"b\": 2},\n  {\"c\": [true, x]}]}".getBytes(StandardCharsets.UTF_8)));
        json.beginObject();
        json.nextName();
        json.beginArray();
        json.skipValue();
        json.skipValue();
        json.beginObject();
        json.nextName();
        json.beginArray();
        json.skipValue();
        assertThatThrownBy(json::peek).isInstanceOf(Utf8JsonReader.Malformed.class);
        assertThat(json.line()).isEqualTo(2);
        assertThat(json.column()).isEqualTo(16);
        assertThat(json.path()).isEqualTo("$.a[2].c[1]");
    }

    @org.junit.jupiter.api.Test
    void manyDistinctNames() throws IOException {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < 2000; i++) {
            document.append(i == 0 ? "" : ",").append("\"name").append(i).append("\":").append(i);
        }
        byte[] bytes = document.append('}').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(ours(new ByteArrayInputStream(bytes))).isEqualTo(gsons(bytes));
    }

    @org.junit.jupiter.api.Test
    void skipsADeepValueWithoutRecursion() throws IOException {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        Utf8JsonReader json = new Utf8JsonReader(new ByteArrayInputStream(("{\"deep\":" + deep + ",\"after\":7}")
                .getBytes(StandardCharsets.UTF_8)));
        json.beginObject();
        json.nextName();
        json.skipValue();
        assertThat(json.nextName()).isEqualTo("after");
        assertThat(json.nextLong()).isEqualTo(7);
    }

    // ---- both readers walked to a list of events

    private static List<String> ours(InputStream in) throws IOException {
        Utf8JsonReader json = new Utf8JsonReader(in);
        List<String> events = new ArrayList<>();
        walk(json, events);
        assertThat(json.peek()).isEqualTo(Utf8JsonReader.Token.END_DOCUMENT);
        return events;
    }

    private static void walk(Utf8JsonReader json, List<String> events) throws IOException {
        switch (json.peek()) {
            case BEGIN_OBJECT -> {
                json.beginObject();
                events.add("{");
                while (json.hasNext()) {
                    events.add("name " + json.nextName());
                    walk(json, events);
                }
                json.endObject();
                events.add("}");
            }
            case BEGIN_ARRAY -> {
                json.beginArray();
                events.add("[");
                while (json.hasNext()) {
                    walk(json, events);
                }
                json.endArray();
                events.add("]");
            }
            case STRING -> events.add("string " + json.nextString());
            case NUMBER -> events.add("number " + json.nextString());
            case NULL -> {
                json.nextNull();
                events.add("null");
            }
            default -> {
                json.skipValue();
                events.add("boolean");
            }
        }
    }

    /** Gson's tree of the document (strict), walked in the same order: the oracle. */
    private static List<String> gsons(byte[] bytes) throws IOException {
        JsonReader json = new JsonReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        json.setStrictness(Strictness.STRICT);
        JsonElement tree = JsonParser.parseReader(json);
        assertThat(json.peek()).isEqualTo(com.google.gson.stream.JsonToken.END_DOCUMENT);
        List<String> events = new ArrayList<>();
        events(tree, events);
        return events;
    }

    private static void events(JsonElement element, List<String> events) {
        if (element.isJsonObject()) {
            events.add("{");
            for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
                events.add("name " + member.getKey());
                events(member.getValue(), events);
            }
            events.add("}");
        } else if (element.isJsonArray()) {
            events.add("[");
            element.getAsJsonArray().forEach(item -> events(item, events));
            events.add("]");
        } else if (element.isJsonNull()) {
            events.add("null");
        } else if (element.getAsJsonPrimitive().isBoolean()) {
            events.add("boolean");
        } else {
            events.add((element.getAsJsonPrimitive().isNumber() ? "number " : "string ") + element.getAsString());
        }
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
