package vmtool.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vmtool.ExitCode;

/**
 * The exit statuses that README.md and docs/*.md list are vmtool.ExitCode's table, word for word: each such table
 * follows a marker line, {@code <!-- exit statuses: every command -->} (README's: every status, its summary and the
 * commands that use it) or {@code <!-- exit statuses: COMMAND -->} (one command's rows, as its --help lists them).
 * A table of statuses without a marker fails, and so does a status named in the prose that the table lacks. When
 * the table changes, the failure prints the text to paste.
 */
class ExitStatusDocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern MARKER = Pattern.compile("^<!-- exit statuses: ([a-z ]+) -->$");
    private static final String EVERY_COMMAND = "every command";
    /** "status 4", "exit 42", "exits 130", "exit status 0"; not "exits with 128 + the signal's number". */
    private static final Pattern STATUS_IN_PROSE = Pattern.compile(
            "(?i)\\b(?:exit status|status|exits?)\\s+(\\d+)\\b(?!\\s*\\+)");
    /** pmap's 42 or-ed with its 1, as procps's. */
    private static final int PMAP_BOTH = ExitCode.PMAP_NO_SUCH_PROCESS | ExitCode.PMAP_FAILURE;

    @Test
    void everyTableOfStatusesIsTheCodesTable() throws IOException {
        List<String> mismatches = new ArrayList<>();
        Set<String> documented = new LinkedHashSet<>();
        for (Path file : markdown()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher marker = MARKER.matcher(lines.get(i));
                if (marker.matches()) {
                    String which = marker.group(1);
                    documented.add(ROOT.relativize(file) + ":" + which);
                    String expected = which.equals(EVERY_COMMAND) ? everyStatus() : statusesOf(which);
                    String actual = tableAt(lines, i + 1);
                    if (!actual.equals(expected)) {
                        mismatches.add(ROOT.relativize(file) + ":" + (i + 2) + " should read:\n" + expected);
                    }
                } else if (lines.get(i).startsWith("| status |")
                        && (i == 0 || !MARKER.matcher(lines.get(i - 1)).matches())) {
                    mismatches.add(ROOT.relativize(file) + ":" + (i + 1) + " lists statuses without a marker line"
                            + " (<!-- exit statuses: COMMAND -->) above: ExitStatusDocsTest cannot hold it to the"
                            + " code");
                }
            }
        }
        assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
        assertThat(documented).as("README's table and each command's, in its doc")
                .contains("README.md:" + EVERY_COMMAND)
                .contains("docs/pmap.md:pmap", "docs/touch.md:touch", "docs/anatomy.md:anatomy",
                        "docs/anatomy.md:where", "docs/map.md:map", "docs/watch-diff.md:watch",
                        "docs/watch-diff.md:diff");
    }

    @Test
    void everyStatusThatTheProseNamesIsInTheTable() throws IOException {
        Set<Integer> codes = new LinkedHashSet<>();
        ExitCode.TABLE.forEach(status -> codes.add(status.code()));
        codes.add(PMAP_BOTH);
        List<String> unknown = new ArrayList<>();
        for (Path file : markdown()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher status = STATUS_IN_PROSE.matcher(lines.get(i));
                while (status.find()) {
                    if (!codes.contains(Integer.valueOf(status.group(1)))) {
                        unknown.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + status.group());
                    }
                }
            }
        }
        assertThat(unknown).as("statuses that vmtool.ExitCode does not have").isEmpty();
    }

    /** README's table: each status, its summary, and the commands that exit with it. */
    static String everyStatus() {
        Set<String> every = new LinkedHashSet<>();
        ExitCode.TABLE.forEach(status -> every.addAll(status.commands()));
        StringBuilder table = new StringBuilder("| status | meaning | commands |\n| --- | --- | --- |\n");
        for (ExitCode.Status status : ExitCode.TABLE) {
            List<String> commands = status.commands();
            String names = Set.copyOf(commands).equals(every) ? "all" : String.join(", ", every.stream()
                    .filter(commands::contains).map(name -> "`" + name + "`").toList());
            table.append("| ").append(status.code()).append(" | ").append(cell(status.summary())).append(" | ")
                    .append(names).append(" |\n");
        }
        return table.toString();
    }

    /** One command's table, the rows of its --help. */
    static String statusesOf(String command) {
        Map<Integer, String> statuses = ExitCode.of(command);
        assertThat(statuses).as("the table has statuses of '%s'", command).isNotEmpty();
        StringBuilder table = new StringBuilder("| status | meaning |\n| --- | --- |\n");
        statuses.forEach((code, meaning) -> table.append("| ").append(code).append(" | ").append(cell(meaning))
                .append(" |\n"));
        return table.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String tableAt(List<String> lines, int start) {
        StringBuilder table = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.append(lines.get(i)).append('\n');
        }
        return table.toString();
    }

    private static List<Path> markdown() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** Prints every table, to paste: {@code java -cp ... vmtool.docs.ExitStatusDocsTest [COMMAND...]}. */
    public static void main(String[] args) {
        System.out.print("<!-- exit statuses: " + EVERY_COMMAND + " -->\n" + everyStatus());
        for (String command : args) {
            System.out.print("\n<!-- exit statuses: " + command + " -->\n" + statusesOf(command));
        }
    }
}
