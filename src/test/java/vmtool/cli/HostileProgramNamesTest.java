package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.JsonSchemaCheck;
import vmtool.Unprivileged;

/**
 * Two processes of the unprivileged test user whose executable's path, kernel name (comm) and command line hold a
 * byte that is not UTF-8 and escape sequences: {@code ps} (text, JSON, CSV, {@code --by program}),
 * {@code anatomy --program}, {@code share} and a capture read back show them as every name is shown (docs/anatomy.md,
 * "Names that are not UTF-8 or hold control characters") and carry their exact bytes in JSON and CSV.
 *
 * <p>The program is a copy of /bin/sleep at {@code DIR/d\xff/esc\e[31mprog}, run through a symbolic link
 * {@code DIR/c\xff\e[31mx} (the kernel names a process after the path it was executed by, and its exe link
 * after the file), with argv[0] {@code arg0\xfe\e]0;t\a}. Java can pass none of these bytes, so bash makes them.
 */
@Tag("slow")
class HostileProgramNamesTest {
    /** The file name of the executable: an escape sequence, valid UTF-8, so that --program can name it. */
    private static final String PROGRAM = "esc\u001b[31mprog";
    private static final String COMM = "c\u00ff\u001b[31mx";
    private static final String COMMAND_LINE = "arg0\u00fe\u001b]0;t\u0007 600";
    private static final String SHOWN_COMM = "c\\xff\\x1b[31mx";
    private static final String SHOWN_COMMAND_LINE = "arg0\\xfe\\x1b]0;t\\x07 600";
    private static final String SETUP = "d=$1; real=$d/$(printf 'd\\377'); mkdir \"$real\";"
            + " cp /bin/sleep \"$real/$(printf 'esc\\033[31mprog')\"; chmod 755 \"$real\";"
            + " ln -s \"$real/$(printf 'esc\\033[31mprog')\" \"$d/$(printf 'c\\377\\033[31mx')\"";
    private static final String RUN = "exec -a \"$(printf 'arg0\\376\\033]0;t\\007')\""
            + " \"$1/$(printf 'c\\377\\033[31mx')\" 600";

    @TempDir
    Path temp;

    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = Unprivileged.ownedDirectory(temp, "hostile");
        Process setup = new ProcessBuilder(Unprivileged.command(List.of("/bin/bash", "-c", SETUP, "_",
                dir.toString()))).redirectErrorStream(true).start();
        String out = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(setup.waitFor()).as(out).isZero();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Unprivileged.command(List.of("/bin/bash", "-c", RUN, "_",
                    dir.toString()))).redirectErrorStream(true).start());
        }
        // Started when the kernel names the process after its link (exec done).
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process process : processes) {
            while (!comm(process.pid()).equals(COMM)) {
                assertThat(System.nanoTime()).as("process %d did not exec", process.pid()).isLessThan(end);
                Thread.sleep(20);
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String comm(long pid) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("/proc/" + pid + "/comm"));
        return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.ISO_8859_1);
    }

    /** The executable's path as byte text, and as it must be shown. */
    private String executable() {
        return dir + "/d\u00ff/" + PROGRAM;
    }

    private String shownExecutable() {
        return dir + "/d\\xff/esc\\x1b[31mprog";
    }

    private long pid(int i) {
        return processes.get(i).pid();
    }

    /** One run; its output must be safe for a terminal, and nothing on stderr. */
    private static String shown(String... args) {
        byte[] out = raw(args);
        HostileNamesTest.assertSafeForTerminal(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        assertThat(status).as("%s: %s", String.join(" ", args), err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    private static String json(String schema, String... args) {
        String json = new String(raw(args), StandardCharsets.UTF_8);
        JsonSchemaCheck.assertValid(schema, json);
        return json;
    }

    /** The line of a text table that starts with this pid (after blanks). */
    private static String row(String text, long pid) {
        return text.lines().filter(line -> line.matches("\\s*" + pid + " .*")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + pid + " in:\n" + text));
    }

    @Test
    void psShowsThemEscapedAndItsJsonAndCsvCarryTheBytes() {
        String text = shown("ps", "--name", PROGRAM, "--sort", "pid");
        for (int i = 0; i < 2; i++) {
            assertThat(row(text, pid(i))).contains("  " + SHOWN_COMM + "  ").endsWith("  " + SHOWN_COMMAND_LINE);
        }
        // Two rows and the total: a table row's number is followed by the columns' gap of two blanks, a note's
        // ("1 process exited while being read": any process of the machine, on a busy one) by one.
        assertThat(text.lines().filter(line -> line.matches("\\s*\\d+  .*"))).hasSize(3);

        JsonObject psJson = JsonParser.parseString(json("ps", "ps", "--json", "--name", PROGRAM))
                .getAsJsonObject();
        assertThat(psJson.getAsJsonArray("rows")).hasSize(2);
        for (JsonElement element : psJson.getAsJsonArray("rows")) {
            JsonObject row = element.getAsJsonObject();
            HostileNamesTest.assertExactName(row, "name", COMM);
            HostileNamesTest.assertExactName(row, "executable", executable());
            HostileNamesTest.assertExactName(row, "command_line", COMMAND_LINE);
        }

        String csv = new String(raw("ps", "--csv", "--name", PROGRAM), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 2; i++) {
            String start = pid(i) + ",";
            String line = csv.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
            assertThat(line).contains("," + COMM + "," + executable() + ",");
        }

        String byProgram = shown("ps", "--by", "program", "--name", PROGRAM);
        assertThat(byProgram.lines().filter(line -> line.contains(shownExecutable())).toList())
                .singleElement().asString().matches("\\s+2\\s+" + Unprivileged.USER + "\\s+\\Q" + shownExecutable()
                        + "\\E\\s.*");
        JsonObject grouped = JsonParser.parseString(json("ps", "ps", "--json", "--by", "program", "--name",
                PROGRAM)).getAsJsonObject();
        HostileNamesTest.assertExactName(grouped.getAsJsonArray("rows").get(0).getAsJsonObject(), "label",
                executable());
    }

    /** The program's own mappings are its kind (the exe link read as bytes matches their names), shown escaped. */
    @Test
    void anatomyOfTheProgramShowsThemEscapedAndFindsTheProgramsMappings() {
        String text = shown("anatomy", "--program", PROGRAM);
        assertThat(text).startsWith("program esc\\x1b[31mprog: 2 processes\n");
        for (int i = 0; i < 2; i++) {
            assertThat(row(text, pid(i))).contains("  " + SHOWN_COMM + "  ").endsWith("  " + SHOWN_COMMAND_LINE);
        }
        assertThat(text).containsPattern("\nprogram +\\d+ ");
        assertThat(text).contains("  program ").contains("  " + shownExecutable() + "\n      " + pid(0) + " "
                + SHOWN_COMM + ", " + pid(1) + " " + SHOWN_COMM + "\n");

        JsonObject json = JsonParser.parseString(json("anatomy-program", "anatomy", "--json", "--program",
                PROGRAM)).getAsJsonObject();
        HostileNamesTest.assertExactName(json, "selection", "program " + PROGRAM);
        for (JsonElement process : json.getAsJsonArray("processes")) {
            HostileNamesTest.assertExactName(process.getAsJsonObject(), "name", COMM);
            HostileNamesTest.assertExactName(process.getAsJsonObject(), "command_line", COMMAND_LINE);
        }
        JsonObject program = null;
        for (JsonElement object : json.getAsJsonArray("shared_objects")) {
            if (object.getAsJsonObject().get("kind").getAsString().equals("program")) {
                program = object.getAsJsonObject();
            }
        }
        assertThat(program).as("the program's shared object").isNotNull();
        HostileNamesTest.assertExactName(program, "name", executable());

        String one = shown("anatomy", Long.toString(pid(0)));
        assertThat(one).startsWith(pid(0) + ":   " + SHOWN_COMMAND_LINE + "\n").containsPattern("\nprogram +\\d+ ");
    }

    @Test
    void shareShowsThemEscaped() {
        String text = shown("share", Long.toString(pid(0)));
        assertThat(text).startsWith(pid(0) + ":   " + SHOWN_COMMAND_LINE + "\n");
        assertThat(text).contains("  " + shownExecutable() + "\n      " + pid(1) + " " + SHOWN_COMM + "\n");

        String program = shown("share", "--program", PROGRAM);
        assertThat(program).contains("\nprogram esc\\x1b[31mprog shares ");
        JsonObject json = JsonParser.parseString(json("share", "share", "--json", Long.toString(pid(0))))
                .getAsJsonObject();
        HostileNamesTest.assertExactName(json.getAsJsonArray("targets").get(0).getAsJsonObject(), "command_line",
                COMMAND_LINE);
    }

    /**
     * The comm's byte 0xff cannot be given as an argument (Java reads arguments as UTF-8: it comes as U+FFFD), so
     * the name matches nothing: one line that says why, with the escape sequence escaped, and status 1.
     */
    @Test
    void aNameWithAByteThatIsNotUtf8MatchesNothingAndTheLineSaysWhy() {
        String given = "c\ufffd\u001b[31mx";
        String why = " (the name given has bytes that are not valid UTF-8, which reach vmtool only as U+FFFD)";
        String[][] runs = {{"ps", "--name", given}, {"anatomy", "--program", given}, {"share", "--program", given}};
        for (String[] args : runs) {
            CommandRun run = CommandRun.of(args);
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(vmtool.ExitCode.NO_MATCH);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).hasLineCount(1).contains("c\ufffd\\x1b[31mx").contains(why)
                    .doesNotContain("\u001b");
        }
    }

    /** A capture keeps the bytes: read back, every output shows and carries them as live. */
    @Test
    void aCaptureReadBackShowsAndCarriesThemAsLive() throws Exception {
        Path capture = temp.resolve("all.cap");
        CommandRun made = CommandRun.of("ps", "--capture", capture.toString());
        assertThat(made.status()).as(made.err()).isZero();
        String file = capture.toString();

        String text = shown("ps", "--file", file, "--name", PROGRAM, "--sort", "pid");
        for (int i = 0; i < 2; i++) {
            assertThat(row(text, pid(i))).contains("  " + SHOWN_COMM + "  ").endsWith("  " + SHOWN_COMMAND_LINE);
        }
        JsonObject psJson = JsonParser.parseString(json("ps", "ps", "--json", "--file", file, "--name", PROGRAM))
                .getAsJsonObject();
        assertThat(psJson.getAsJsonArray("rows")).hasSize(2);
        for (JsonElement element : psJson.getAsJsonArray("rows")) {
            HostileNamesTest.assertExactName(element.getAsJsonObject(), "name", COMM);
            HostileNamesTest.assertExactName(element.getAsJsonObject(), "executable", executable());
            HostileNamesTest.assertExactName(element.getAsJsonObject(), "command_line", COMMAND_LINE);
        }
        String anatomy = shown("anatomy", "--file", file, "--program", PROGRAM);
        assertThat(anatomy).startsWith("program esc\\x1b[31mprog: 2 processes (" + file + ")\n");
        assertThat(anatomy).contains("  " + shownExecutable() + "\n      " + pid(0) + " " + SHOWN_COMM + ", "
                + pid(1) + " " + SHOWN_COMM + "\n");
        String share = shown("share", "--file", file, Long.toString(pid(0)));
        assertThat(share).startsWith(pid(0) + ":   " + SHOWN_COMMAND_LINE + "\n");
        assertThat(share).contains("  " + shownExecutable() + "\n      " + pid(1) + " " + SHOWN_COMM + "\n");
    }
}
