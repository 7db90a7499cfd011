package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;

/**
 * The page of a process with about 60,000 mappings (scripts/many-mappings.c) loads, renders every mapping, answers a
 * hover, and filters and zooms correctly. The times are printed for docs/performance.md; they are not asserted, only
 * bounded by generous timeouts, because this machine's load decides them.
 */
@Tag("slow")
class MapPageManyMappingsBrowserTest {
    private static final int PAIRS = 30_000;
    private static final long MAX_PAGE_BYTES = 25_000_000;
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Times the next user action in the page: from its event (caught before the page's own handlers) to the end of
     * the second frame after it, when what it changed is drawn. Armed with the event's type, since one action fires
     * others first (a click on a button fires the change of the text field it takes the focus from).
     */
    private static final String TIMER = """
            window.vmtoolTimer = { armed: null, ms: null };
            ['click', 'change'].forEach(function (type) {
              document.addEventListener(type, function () {
                var timer = window.vmtoolTimer, t0 = performance.now();
                if (timer.armed !== type) { return; }
                timer.armed = null;
                function afterFrame(then) { requestAnimationFrame(function () { setTimeout(then, 0); }); }
                afterFrame(function () { afterFrame(function () { timer.ms = performance.now() - t0; }); });
              }, true);
            });""";

    @Test
    void sixtyThousandMappingsLoadRenderFilterAndZoom(@TempDir Path dir) throws Exception {
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
            AddressSpace model = Helpers.model(big.pid());
            List<Mapping> mappings = model.mappings();
            assertThat(mappings.stream().map(Mapping::startText).toList()).isEqualTo(starts);
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
                PageLayout.assertDrawn(js, mappings, i -> true, 1);

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

                // Each check below reads every element's box, which lays out every block; so each action is timed
                // with all blocks laid out, the slowest state (a reader who scrolls lays out only what they see).
                js.executeScript(TIMER);
                Map<String, Long> times = new LinkedHashMap<>();
                IntPredicate all = i -> true;
                // Nearly all of them are anonymous: unticking it hides 60,000 and closes up the rest.
                WebElement anonymous = checkbox(browser, MappingKind.ANONYMOUS);
                times.put("untick anonymous", timed(browser, "click", anonymous::click));
                PageLayout.assertDrawn(js, mappings, i -> model.regions().get(i).kind() != MappingKind.ANONYMOUS, 1);
                assertThat(text(browser, "shown")).isEqualTo(shownWithout(model, MappingKind.ANONYMOUS)
                        + " of " + starts.size() + " mappings shown");
                times.put("tick anonymous", timed(browser, "click", anonymous::click));
                PageLayout.assertDrawn(js, mappings, all, 1);
                // The program's mappings are at the top: unticking them moves every mapping below.
                WebElement program = checkbox(browser, MappingKind.PROGRAM);
                times.put("untick program", timed(browser, "click", program::click));
                PageLayout.assertDrawn(js, mappings, i -> model.regions().get(i).kind() != MappingKind.PROGRAM, 1);
                times.put("tick program", timed(browser, "click", program::click));
                assertThat(text(browser, "shown")).isEqualTo(starts.size() + " mappings shown");

                Select zoom = new Select(browser.driver.findElement(By.id("zoom")));
                times.put("zoom 200%", timed(browser, "change", () -> zoom.selectByValue("2")));
                PageLayout.assertDrawn(js, mappings, all, 2);
                times.put("zoom 100%", timed(browser, "change", () -> zoom.selectByValue("1")));

                // From/to: a hundred mappings in the middle.
                Mapping lo = mappings.get(mappings.size() / 2);
                Mapping hi = mappings.get(mappings.size() / 2 + 100);
                browser.driver.findElement(By.id("lo")).sendKeys(lo.startText());
                browser.driver.findElement(By.id("hi")).sendKeys(hi.startText());
                times.put("show range", timed(browser, "click", browser.driver.findElement(By.id("apply"))::click));
                PageLayout.assertDrawn(js, mappings, PageLayout.inRange(mappings, lo.start(), hi.start()), 1);
                assertThat(text(browser, "shown")).isEqualTo("100 of " + starts.size() + " mappings shown");
                // Drawn where they now are, resident shading included: the anonymous kind's full colour.
                js.executeScript("window.scrollTo(0, 0);");
                assertThat(browser.screenshotColours())
                        .contains(Integer.parseInt(KindStyle.colour(MappingKind.ANONYMOUS).substring(1), 16));
                times.put("whole space", timed(browser, "click", browser.driver.findElement(By.id("all"))::click));
                PageLayout.assertDrawn(js, mappings, all, 1);
                assertThat(browser.consoleErrors()).isEmpty();

                StringBuilder actions = new StringBuilder();
                times.forEach((action, ms) -> actions.append("; ").append(action).append(' ').append(ms)
                        .append(" ms"));
                System.out.printf("map page of %d mappings: %.1f MB written in %d ms; loaded in chromium in %d ms"
                                + " (drawn %.0f ms after navigation start); hover %d ms%s"
                                + " (each from its input event to the second frame after it)%n",
                        starts.size(), bytes / 1e6, writeMs, loadMs, readyMs.doubleValue(), hoverMs, actions);
            }
        } finally {
            Helpers.stop(big);
        }
    }

    private static WebElement checkbox(Browser browser, MappingKind kind) {
        return browser.driver.findElement(By.cssSelector("#legend input[aria-label='show " + kind.id() + "']"));
    }

    private static String text(Browser browser, String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private static long shownWithout(AddressSpace model, MappingKind hidden) {
        return model.regions().stream().filter(r -> r.kind() != hidden).count();
    }

    /** Runs a user action that fires {@code event} and returns its time in the page (see {@link #TIMER}). */
    private static long timed(Browser browser, String event, Runnable action) {
        JavascriptExecutor js = browser.driver;
        js.executeScript("window.vmtoolTimer.armed = arguments[0]; window.vmtoolTimer.ms = null;", event);
        action.run();
        Number ms = new WebDriverWait(browser.driver, ACTION_TIMEOUT)
                .until(d -> (Number) js.executeScript("return window.vmtoolTimer.ms;"));
        return Math.round(ms.doubleValue());
    }
}
