package vmtool.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The lab guide's commands are the ones its captures were made with, and write nothing into the checkout:
 * every line of a recipe a page shows ({@code ```sh} blocks) is a line that scripts/lab-output runs as it is, the
 * capture headers of va and of the touch runs are the commands lab-output holds for them, and every file a shown
 * command writes is under {@code $lab}, the temporary directory the guide has students make.
 */
class LabCommandsTest {
    private static final Path ROOT = DocExamplesTest.root();
    private static final Path LABS = ROOT.resolve("docs/labs");
    /** Where a command writes a file: a redirection, an option that names an output file, gcc's -o. */
    private static final Pattern WRITES = Pattern.compile("(?:(?<![0-9&])>>?|--svg |--html |-o |--create-rc-to |-N )(\\S+)");
    private static final Pattern INLINE_COMMAND = Pattern.compile("`((?:scripts/vmtool|vmtool|gcc|\\./|\\$lab/)[^`]*)`");
    private static final String SETUP = "lab=$(mktemp -d)";

    @Test
    void everyRecipeLineIsOneTheCaptureScriptRuns() throws IOException {
        List<String> script = Files.readAllLines(ROOT.resolve("scripts/lab-output"), StandardCharsets.UTF_8);
        int checked = 0;
        for (Path page : pages()) {
            for (String line : recipeLines(page)) {
                if (line.equals(SETUP)) {
                    continue;
                }
                assertThat(script).as("%s shows '%s', which scripts/lab-output does not run as written",
                        LABS.relativize(page), line).contains(line);
                checked++;
            }
        }
        assertThat(checked).as("recipe lines in docs/labs/*.md").isGreaterThanOrEqualTo(10);
    }

    @Test
    void capturesWereMadeWithTheCommandsTheScriptHolds() throws IOException {
        String script = Files.readString(ROOT.resolve("scripts/lab-output"), StandardCharsets.UTF_8);
        Matcher va = Pattern.compile("(?m)^va_command='([^']+)'$").matcher(script);
        assertThat(va.find()).as("va_command in scripts/lab-output").isTrue();
        assertThat(headerCommand("va-run.txt")).isEqualTo(va.group(1));

        Matcher touch = Pattern.compile("echo \"(scripts/vmtool touch \\$1 [^\"]+)\"").matcher(script);
        assertThat(touch.find()).as("touch_command in scripts/lab-output").isTrue();
        assertThat(headerCommand("touch-100-start.txt")).isEqualTo(touch.group(1).replace("$1", "100"));
        for (String mb : List.of("10", "100", "1000")) {
            String map = Files.readString(LABS.resolve("output/pmap-X-touch-" + mb + ".txt"), StandardCharsets.UTF_8);
            assertThat(map.lines().skip(1).findFirst().orElseThrow())
                    .as("the command line of the touch run pmap-X-touch-%s.txt maps", mb)
                    .endsWith("vmtool.Main " + touch.group(1).replace("$1", mb).substring("scripts/vmtool ".length()));
        }
    }

    @Test
    void labCommandsWriteNoFileIntoTheCheckout() throws IOException {
        int commands = 0;
        for (Path page : pages()) {
            List<String> shown = new ArrayList<>(recipeLines(page));
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.startsWith("$ ")) {
                    shown.add(line.substring(2));       // a capture's command, as its include shows it
                }
                Matcher inline = INLINE_COMMAND.matcher(line);
                while (inline.find()) {
                    shown.add(inline.group(1));
                }
            }
            for (String command : shown) {
                String code = command.replaceFirst("\\s+#.*$", "");
                Matcher writes = WRITES.matcher(code);
                while (writes.find()) {
                    assertThat(writes.group(1)).as("%s: '%s' writes %s", LABS.relativize(page), command,
                            writes.group(1)).matches("\\$lab/.+|-|FILE|/dev/null|&\\d");
                }
                commands++;
            }
        }
        assertThat(commands).as("commands shown in docs/labs/*.md").isGreaterThan(30);
    }

    private static String headerCommand(String capture) throws IOException {
        String header = Files.readAllLines(LABS.resolve("output").resolve(capture), StandardCharsets.UTF_8).get(0);
        return header.substring(header.indexOf(": $ ") + 4);
    }

    /** The students' pages (MAINTAINERS.md is for whoever runs lab-output). */
    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(LABS)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> !path.getFileName().toString().equals("MAINTAINERS.md")).sorted().toList();
        }
    }

    /** The lines of the page's {@code ```sh} blocks outside include regions: the recipes students type. */
    private static List<String> recipeLines(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inInclude = false;
        boolean inRecipe = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("<!-- include:")) {
                inInclude = true;
            } else if (line.equals("<!-- end include -->")) {
                inInclude = false;
            } else if (!inInclude && line.equals("```sh")) {
                inRecipe = true;
            } else if (inRecipe && line.equals("```")) {
                inRecipe = false;
            } else if (inRecipe && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
