package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of a process with about 60,000 mappings (scripts/many-mappings.c) loads, renders every mapping and
 * answers a hover. The times are printed for docs/performance.md; they are not asserted, only bounded by generous
 * timeouts, because this machine's load decides them.
 */
class MapPageManyMappingsBrowserTest {
    private static final int PAIRS = 30_000;
    private static final long MAX_PAGE_BYTES = 25_000_000;

    @Test
    void sixtyThousandMappingsLoadAndRender(@TempDir Path dir) throws Exception {
        Process big = Helpers.manyMappings(dir, PAIRS);
        try {
            Path page = dir.resolve("big.html");
            long t0 = System.nanoTime();
            Helpers.Run run = Helpers.vmtool("map", Long.toString(big.pid()), "--html", page.toString());
            long writeMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            List<String> starts = Helpers.startsInSmaps(big.pid());
            assertThat(starts.size()).isGreaterThan(2 * PAIRS);
            long bytes = Files.size(page);
            assertThat(bytes).isLessThanOrEqualTo(MAX_PAGE_BYTES);

            try (Browser browser = Browser.start(1200, 900)) {
                long load0 = System.nanoTime();
                browser.driver.get(page.toUri().toString());
                new WebDriverWait(browser.driver, Duration.ofSeconds(180)).until(d ->
                        "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
                long loadMs = (System.nanoTime() - load0) / 1_000_000;
                JavascriptExecutor js = browser.driver;
                String shown = (String) js.executeScript("return Array.from(document.querySelectorAll('#map .m'),"
                        + " e => e.getAttribute('data-start')).join('\\n');");
                assertThat(Arrays.asList(shown.split("\n"))).isEqualTo(starts);
                Number readyMs = (Number) js.executeScript("return window.vmtoolMap.readyMs;");

                // Hover a mapping in the middle, after scrolling it into view.
                WebElement middle = browser.driver.findElement(
                        By.cssSelector("#map [data-start='" + starts.get(starts.size() / 2) + "']"));
                js.executeScript("arguments[0].scrollIntoView({block: 'center'});", middle);
                long hover0 = System.nanoTime();
                new Actions(browser.driver).moveToElement(middle).perform();
                WebElement tip = browser.driver.findElement(By.id("tip"));
                new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> tip.isDisplayed());
                long hoverMs = (System.nanoTime() - hover0) / 1_000_000;
                assertThat(tip.getText()).contains(starts.get(starts.size() / 2));

                // Filtering re-lays out all of them.
                long filter0 = System.nanoTime();
                browser.driver.findElement(By.cssSelector("#legend input[aria-label='show anonymous']")).click();
                String filtered = browser.driver.findElement(By.id("shown")).getText();
                long filterMs = (System.nanoTime() - filter0) / 1_000_000;
                assertThat(filtered).endsWith(" of " + starts.size() + " mappings shown");
                assertThat(browser.consoleErrors()).isEmpty();
                System.out.printf("map page of %d mappings: %.1f MB written in %d ms; loaded in chromium in %d ms"
                                + " (drawn %.0f ms after navigation start); hover %d ms; filter %d ms%n",
                        starts.size(), bytes / 1e6, writeMs, loadMs, readyMs.doubleValue(), hoverMs, filterMs);
            }
        } finally {
            Helpers.stop(big);
        }
    }
}
