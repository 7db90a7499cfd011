package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A saved file whose bad line holds escape sequences, a byte that is not UTF-8 and a bidirectional override: every
 * command's error line quotes it as docs/anatomy.md says ({@code \xHH}), and é as é; nothing reaches the terminal
 * raw.
 */
class HostileSavedFileTest {
    private static final String MAPPING = "7f0000000000-7f0000001000 r--p 00000000 fe:00 12"
            + "                         /tmp/caf\u00c3\u00a9.bin\n";
    /** Bytes, one char per byte. */
    private static final String BAD_FIELD = "Rss: \u001b[31m\u001b]0;pwned\u0007 \u00ff \u00e2\u0080\u00ae kB\n";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"pmap", "anatomy", "where", "map"})
    void anErrorQuotingASavedLineShowsItEscaped(String command) throws Exception {
        Path file = temp.resolve("saved.smaps");
        Files.write(file, (MAPPING + "Size:                  4 kB\n" + BAD_FIELD).getBytes(StandardCharsets.ISO_8859_1));
        List<String> args = command.equals("where") ? List.of(command, "--file", file.toString(), "0x7f0000000000")
                : List.of(command, "--file", file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandLineFactory.run(args.toArray(String[]::new), out, err);

        assertThat(status).isNotZero();
        assertThat(out.toByteArray()).isEmpty();
        HostileNamesTest.assertSafeForTerminal(err.toByteArray());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(": line 3: expected a number in 'Rss: "
                + "\\x1b[31m\\x1b]0;pwned\\x07 \\xff \\xe2\\x80\\xae kB'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mapping", "name"})
    void aSavedLineWithUtf8IsQuotedDecodedOnce(String where) throws Exception {
        Path file = temp.resolve("saved.smaps");
        String text = where.equals("mapping") ? "7f0000000000-7f0000001000 r--\u001bp 00000000 fe:00 12 /tmp/caf\u00c3\u00a9\n"
                : MAPPING + "Size:\u001b[2J 4 caf\u00c3\u00a9\n";
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandLineFactory.run(new String[] {"anatomy", "--file", file.toString()}, out, err);

        assertThat(status).isNotZero();
        HostileNamesTest.assertSafeForTerminal(err.toByteArray());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("caf\u00e9").contains("\\x1b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmap", "anatomy", "diff"})
    void anErrorQuotingASnapshotsValueShowsItEscaped(String command) throws Exception {
        Path file = temp.resolve("snap.json");
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        assertThat(CommandLineFactory.run(new String[] {"pmap", "--json", Long.toString(ProcessHandle.current().pid())},
                snapshot, new ByteArrayOutputStream())).isZero();
        String json = snapshot.toString(StandardCharsets.UTF_8)
                .replaceFirst("\"kind\":\"[^\"]*\"", "\"kind\":\"\\\\u001b[31mcaf\u00e9\\\\u202e\"");
        Files.writeString(file, json);
        List<String> args = command.equals("diff") ? List.of(command, file.toString(), file.toString())
                : List.of(command, "--file", file.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandLineFactory.run(args.toArray(String[]::new), new ByteArrayOutputStream(), err);

        assertThat(status).isNotZero();
        HostileNamesTest.assertSafeForTerminal(err.toByteArray());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kind '\\x1b[31mcaf\u00e9\\xe2\\x80\\xae'");
    }
}
