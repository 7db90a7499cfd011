package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

import vmtool.DiesWithTheJvm;

/**
 * {@code map --svg} of a process with a long command line and a file of a long path mapped, drawn by a real headless
 * chromium: every text lies inside the picture (long texts are cut, with an ellipsis), and the whole command line is
 * in the title's tooltip.
 */
@Tag("slow")
class MapSvgBrowserTest {
    @TempDir
    Path dir;

    @Test
    void everyTextFitsInThePicture() throws Exception {
        Path deep = dir.resolve("a-directory-with-a-rather-long-name-for-a-picture-to-hold".repeat(2));
        Files.createDirectories(deep);
        Path data = deep.resolve("and-a-data-file-whose-name-is-long-too-so-that-its-label-would-run-off.bin");
        Files.write(data, new byte[1 << 20]);
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import mmap, sys, time\n"
                        + "f = open(sys.argv[1], 'rb')\n"
                        + "m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)\n"
                        + "print('ready', flush=True)\n"
                        + "time.sleep(600)\n", data.toString()));
        for (int i = 0; i < 20; i++) {
            command.add("--an-option-of-a-long-command-line=" + i);
        }
        Process process = DiesWithTheJvm.start(new ProcessBuilder(command).redirectErrorStream(true));
        try (Browser browser = Browser.start(1200, 900)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            Path svg = dir.resolve("long.svg");
            Helpers.Run run = Helpers.vmtool("map", Long.toString(process.pid()), "--svg", svg.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            assertThat(Files.readString(svg)).as("the data file is drawn, labelled").contains(data.getFileName()
                    .toString().substring(30));

            browser.driver.get(svg.toUri().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> texts = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver)
                    .executeScript("const width = document.documentElement.viewBox.baseVal.width;"
                            + " return [...document.querySelectorAll('text')].map(t => { const b = t.getBBox();"
                            + " return {text: t.textContent, left: b.x, right: b.x + b.width, width: width}; });");
            assertThat(texts).hasSizeGreaterThan(10);
            for (Map<String, Object> text : texts) {
                double width = ((Number) text.get("width")).doubleValue();
                assertThat(((Number) text.get("left")).doubleValue()).as("left of %s", text.get("text"))
                        .isGreaterThanOrEqualTo(0);
                assertThat(((Number) text.get("right")).doubleValue()).as("right of %s", text.get("text"))
                        .isLessThanOrEqualTo(width);
            }
            String title = (String) ((JavascriptExecutor) browser.driver).executeScript(
                    "return document.querySelector('text > title').textContent;");
            assertThat(title).contains("--an-option-of-a-long-command-line=19");
            assertThat((String) texts.get(0).get("text")).endsWith("\u2026");
        } finally {
            Helpers.stop(process);
        }
    }
}
