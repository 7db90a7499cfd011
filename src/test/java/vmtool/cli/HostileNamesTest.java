package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that a process's owner controls (file names, the command line, comm, thread names, a saved file's lines)
 * reaches root's terminal only as docs/anatomy.md's "Names that are not UTF-8 or hold control characters" says:
 * valid UTF-8 decoded once, every other byte and every character that acts on a terminal as {@code \xHH}. JSON and
 * CSV carry the exact bytes. The process is {@link NamesHelper}'s, run as the unprivileged test user.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileNamesTest {
    private NamesHelper helper;

    @TempDir
    Path temp;

    @BeforeEach
    void startHelper() throws Exception {
        helper = NamesHelper.start();
    }

    @AfterEach
    void stopHelper() throws Exception {
        helper.close();
    }

    /** One run, its standard output as bytes. */
    private record Raw(int status, byte[] out, String err) {
        static Raw of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = CommandLineFactory.run(args, out, err);
            return new Raw(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        }

        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** A successful run's output, checked to be safe for a terminal, as text. */
    private static String shown(String... args) {
        Raw run = Raw.of(args);
        assertThat(run.err()).as("stderr of %s", String.join(" ", args)).isEmpty();
        assertSafeForTerminal(run.out());
        return run.text();
    }

    /**
     * Valid UTF-8 in which nothing acts on a terminal: no C0 control but the newline, no DEL, no C1 control, no
     * bidirectional control; and é encoded once (C3 A9), never twice (C3 83 C2 A9, "Ã©").
     */
    static void assertSafeForTerminal(byte[] out) {
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).as("valid UTF-8").isEqualTo(out);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 || c == 0x061c || c == 0x200e
                    || c == 0x200f || c >= 0x2028 && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            assertThat(control).as("U+%04X at %d in:\n%s", (int) c, i, text).isFalse();
        }
        assertThat(text).doesNotContain("\u00c3\u00a9").doesNotContain("\u00c3\u00bf");
    }

    /** Each file's name as it must be shown. */
    private List<String> shownNames() {
        String dir = helper.dir() + "/";
        return List.of(dir + "caf\u00e9.bin", dir + "esc\\x1b[31mred\\x1b[0m.bin (deleted)", dir + "bad\\xff.bin",
                dir + "new\\012line.bin (deleted)", dir + "rlo\\xe2\\x80\\xaenib.exe",
                dir + "c1\\xc2\\x9b2J.bin (deleted)", dir + "title\\x1b]0;pwned\\x07.bin");
    }

    @Test
    void anatomyShowsTheCommandLineCommThreadNamesAndDeletedFilesEscaped() {
        String text = shown("anatomy", helper.pidArg());

        assertThat(text.lines().findFirst().orElseThrow()).endsWith(" " + helper.dir() + " \\x1b[32mARG");
        assertThat(text).contains("  \\x1b[31mcomm\\x07  ").contains("  \\x1b]0;pwn\\x07  ");
        assertThat(text).contains(" file " + shownNames().get(1) + "\n", " file " + shownNames().get(3) + "\n",
                " file " + shownNames().get(5) + "\n");
    }

    @Test
    void anatomyDetailShowsEveryNameDecodedOnceOrEscaped() {
        String text = shown("anatomy", "--detail", helper.pidArg());

        for (String name : shownNames()) {
            assertThat(text).contains("  " + name + "\n");
        }
        assertThat(text).contains("  thread " + helper.threadId() + " (\\x1b]0;pwn\\x07)\n");
    }

    @Test
    void whereShowsTheNamesAndTheThreadEscaped() {
        List<String> args = new ArrayList<>(List.of("where", helper.pidArg()));
        for (int i = 0; i < NamesHelper.NAMES.size(); i++) {
            args.add("0x" + Long.toHexString(helper.mapped(i) + 16));
        }
        args.add("0x" + Long.toHexString(helper.threadStackAddress()));
        List<String> lines = shown(args.toArray(String[]::new)).lines().toList();

        assertThat(lines).hasSize(NamesHelper.NAMES.size() + 1);
        for (int i = 0; i < NamesHelper.NAMES.size(); i++) {
            assertThat(lines.get(i)).contains(" r--p file " + shownNames().get(i) + "; offset 0x10 into the mapping");
        }
        assertThat(lines.get(lines.size() - 1))
                .contains(" thread-stack thread " + helper.threadId() + " (\\x1b]0;pwn\\x07); offset ");
    }

    @Test
    void whereJsonCarriesTheExactNames() {
        List<String> args = new ArrayList<>(List.of("where", "--json", helper.pidArg()));
        for (int i = 0; i < NamesHelper.NAMES.size(); i++) {
            args.add("0x" + Long.toHexString(helper.mapped(i)));
        }
        args.add("0x" + Long.toHexString(helper.threadStackAddress()));
        Raw run = Raw.of(args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain((byte) 0x1b);
        JsonArray addresses = JsonParser.parseString(run.text()).getAsJsonObject().getAsJsonArray("addresses");

        for (int i = 0; i < NamesHelper.NAMES.size(); i++) {
            assertExactName(addresses.get(i).getAsJsonObject().getAsJsonObject("mapping"), "name",
                    helper.dir() + "/" + kernelName(i));
        }
        JsonObject stack = addresses.get(NamesHelper.NAMES.size()).getAsJsonObject().getAsJsonObject("mapping");
        assertThat(stack.get("label").getAsString()).isEqualTo(NamesHelper.THREAD_NAME);
    }

    @Test
    void anatomyJsonCarriesTheExactNamesCommAndThreadName() {
        Raw run = Raw.of("anatomy", "--json", "--detail", helper.pidArg());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain((byte) 0x1b);
        JsonObject anatomy = JsonParser.parseString(run.text()).getAsJsonObject();

        List<String> threads = new ArrayList<>();
        for (JsonElement stack : anatomy.getAsJsonArray("stacks")) {
            threads.add(stack.getAsJsonObject().get("thread").getAsString());
        }
        assertThat(threads).containsExactly(NamesHelper.COMM, NamesHelper.THREAD_NAME);
        List<JsonObject> files = new ArrayList<>();
        for (JsonElement mapping : anatomy.getAsJsonArray("mappings")) {
            JsonObject object = mapping.getAsJsonObject();
            String name = object.has("name") ? object.get("name").getAsString()
                    : new String(Base64.getDecoder().decode(object.get("name_bytes").getAsString()),
                            StandardCharsets.ISO_8859_1);
            if (name.startsWith(helper.dir() + "/")) {
                files.add(object);
            }
        }
        // The helper maps its files at falling addresses: the last one first.
        assertThat(files).hasSize(NamesHelper.NAMES.size());
        for (int i = 0; i < NamesHelper.NAMES.size(); i++) {
            assertExactName(files.get(NamesHelper.NAMES.size() - 1 - i), "name", helper.dir() + "/" + kernelName(i));
        }
    }

    @Test
    void whereCsvCarriesTheKernelsBytes() {
        Raw run = Raw.of("where", "--csv", helper.pidArg(), "0x" + Long.toHexString(helper.mapped(0)),
                "0x" + Long.toHexString(helper.mapped(2)));
        assertThat(run.err()).isEmpty();
        String bytes = new String(run.out(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("," + helper.dir() + "/" + NamesHelper.NAMES.get(0) + ",")
                .contains("," + helper.dir() + "/" + NamesHelper.NAMES.get(2) + ",");
    }

    @Test
    void mapOnAPipeShowsTheNamesAndTitleEscaped() {
        String text = shown("map", helper.pidArg());

        assertThat(text.lines().findFirst().orElseThrow()).endsWith(" \\x1b[32mARG");
        for (String name : shownNames()) {
            assertThat(text).contains("  " + name.replace(" (deleted)", "") + "\n");
        }
        assertThat(text).contains("  \\x1b]0;pwn\\x07 tid " + helper.threadId());
    }

    @Test
    void watchShowsCommAndTheNamesThatAppearEscaped() throws Exception {
        helper.grow();
        String text = shown("watch", "--count", "2", "--interval", "0.4", helper.pidArg());

        assertThat(text).contains(" (\\x1b[31mcomm\\x07)  refresh 1 of 2 every 0.4 s\n");
        assertThat(text).contains("appeared since the last refresh: ");
        // About 20 mappings appear in 0.4 s, one of each name in turn.
        assertThat(text).contains("kB  " + shownNames().get(0) + "\n", "kB  " + shownNames().get(1) + "\n",
                "kB  " + shownNames().get(2) + "\n", "kB  " + shownNames().get(4) + "\n",
                "kB  " + shownNames().get(6) + "\n");
    }

    @Test
    void diffShowsTheNamesEscapedAndItsJsonAndCsvCarryThemExactly() throws Exception {
        Path before = temp.resolve("before.json");
        Path after = temp.resolve("after.json");
        Raw first = Raw.of("pmap", "--json", helper.pidArg());
        assertThat(first.status()).isZero();
        Files.write(before, first.out());
        helper.grow();
        Thread.sleep(300);
        Raw second = Raw.of("pmap", "--json", helper.pidArg());
        Files.write(after, second.out());

        String text = new String(Raw.of("diff", before.toString(), after.toString()).out(), StandardCharsets.UTF_8);
        assertSafeForTerminal(text.getBytes(StandardCharsets.UTF_8));
        assertThat(text).contains(" file " + shownNames().get(0) + "  ", " file " + shownNames().get(1) + "  ");

        JsonObject diff = JsonParser.parseString(Raw.of("diff", "--json", before.toString(), after.toString())
                .text()).getAsJsonObject();
        boolean sawBad = false;
        for (JsonElement added : diff.getAsJsonArray("added")) {
            JsonObject mapping = added.getAsJsonObject();
            if (mapping.has("name_bytes")) {
                assertExactName(mapping, "name", helper.dir() + "/" + kernelName(2));
                sawBad = true;
            }
        }
        assertThat(sawBad).as("a name that is not UTF-8 among the added mappings").isTrue();

        String csv = new String(Raw.of("diff", "--csv", before.toString(), after.toString()).out(),
                StandardCharsets.ISO_8859_1);
        assertThat(csv).contains("," + helper.dir() + "/" + NamesHelper.NAMES.get(0) + ",")
                .contains("," + helper.dir() + "/" + NamesHelper.NAMES.get(2) + ",");
    }

    /** The name as the kernel writes it in maps: a newline as {@code \012}, a deleted file marked. */
    private static String kernelName(int index) {
        String name = NamesHelper.NAMES.get(index).replace("\n", "\\012");
        return index % 2 == 1 ? name + " (deleted)" : name;
    }

    /** {@code key} holds the byte text's UTF-8 reading, or {@code key_bytes} its bytes when they are not UTF-8. */
    static void assertExactName(JsonObject object, String key, String byteText) {
        byte[] bytes = byteText.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(utf8.getBytes(StandardCharsets.UTF_8), bytes)) {
            assertThat(object.has(key + "_bytes")).isFalse();
            assertThat(object.get(key).getAsString()).isEqualTo(utf8);
        } else {
            assertThat(object.has(key)).isFalse();
            assertThat(Base64.getDecoder().decode(object.get(key + "_bytes").getAsString())).isEqualTo(bytes);
        }
    }
}
