package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/** The page of a live {@code sleep}, in a real headless chromium. */
@Tag("slow")
class MapPageBrowserTest {
    @TempDir
    static Path dir;

    private static Process sleeper;
    private static Browser browser;
    private static AddressSpace model;
    private static List<String> starts;
    private static String pageUrl;

    @BeforeAll
    static void drawSleep() throws Exception {
        sleeper = Helpers.sleeper();
        Path page = dir.resolve("sleep.html");
        Helpers.Run run = Helpers.vmtool("map", Long.toString(sleeper.pid()), "--html", page.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        starts = Helpers.startsInSmaps(sleeper.pid());
        model = Helpers.model(sleeper.pid());
        browser = Browser.start(1200, 1600);
        pageUrl = page.toUri().toString();
    }

    /** Each test starts from the page as loaded: nothing filtered, zoomed or focused. */
    @BeforeEach
    void load() {
        browser.driver.get(pageUrl);
        waitUntilReady();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            Helpers.stop(sleeper);
        }
    }

    private static void waitUntilReady() {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d ->
                "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    private static MappingKind kind(int i) {
        return model.regions().get(i).kind();
    }

    @Test
    void oneElementPerMappingWithTheKernelsStartAndTheKind() {
        List<WebElement> elements = browser.driver.findElements(By.cssSelector("#map [data-start]"));
        assertThat(elements.stream().map(e -> e.getAttribute("data-start")).toList()).isEqualTo(starts);
        List<String> kinds = elements.stream().map(e -> e.getAttribute("data-kind")).toList();
        assertThat(kinds).isEqualTo(model.regions().stream().map(r -> r.kind().id()).toList());
        // Independently of the classifier: what the kernel's own names say.
        for (Region region : model.regions()) {
            String expected = switch (region.mapping().name()) {
                case "[heap]" -> "heap";
                case "[stack]" -> "stack";
                case "[vdso]" -> "vdso";
                case "[vsyscall]" -> "vsyscall";
                default -> region.mapping().name().endsWith("/sleep") ? "program"
                        : region.mapping().name().contains("/libc.so") ? "library" : null;
            };
            if (expected != null) {
                assertThat(kinds.get(starts.indexOf(region.mapping().startText()))).as(region.mapping().name())
                        .isEqualTo(expected);
            }
        }
        assertThat(kinds).contains("program", "library", "stack");
    }

    @Test
    void heightsFollowTheScaleOfScaleJava() {
        @SuppressWarnings("unchecked")
        List<Long> heights = (List<Long>) js("return Array.from(document.querySelectorAll('#map .m'),"
                + " e => e.getBoundingClientRect().height);");
        List<Long> expected = model.mappings().stream().map(m -> (long) Scale.height(m.size())).toList();
        assertThat(heights.stream().map(Number::longValue).toList()).isEqualTo(expected);
    }

    @Test
    void noConsoleErrorsAndNothingFetched() {
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(((Number) js("return performance.getEntriesByType('resource').length;")).intValue()).isZero();
    }

    @Test
    void hoverShowsTheTooltipWithEverySmapsField() {
        Mapping heapOrStack = model.mappings().stream().filter(m -> m.name().equals("[stack]")).findFirst()
                .orElseThrow();
        WebElement element = browser.driver.findElement(
                By.cssSelector("#map [data-start='" + heapOrStack.startText() + "']"));
        WebElement tip = browser.driver.findElement(By.id("tip"));
        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("title"))).perform();
        assertThat(tip.isDisplayed()).isFalse();
        new Actions(browser.driver).moveToElement(element).perform();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> tip.isDisplayed());
        String text = tip.getText();
        assertThat(text).contains(heapOrStack.startText() + "-" + Long.toHexString(heapOrStack.end()))
                .contains(heapOrStack.perms().text()).contains("[stack]").contains("stack: the main thread's stack");
        for (String field : heapOrStack.fields().names()) {
            assertThat(text).contains(field);
        }
        assertThat(text).contains("Rss " + heapOrStack.fields().valueOf("Rss") + " kB");
        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("title"))).perform();
        assertThat(tip.isDisplayed()).isFalse();
    }

    @Test
    void keyboardFocusShowsTheTooltipAndArrowsMove() {
        WebElement first = browser.driver.findElement(By.cssSelector("#map .m"));
        js("arguments[0].focus();", first);
        WebElement tip = browser.driver.findElement(By.id("tip"));
        assertThat(tip.isDisplayed()).isTrue();
        assertThat(tip.getText()).contains(starts.get(0));
        first.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("data-start")).isEqualTo(starts.get(1));
        assertThat(tip.getText()).contains(starts.get(1));
        js("document.activeElement.blur();");
    }

    @Test
    void filterByKindAndZoomToARange() {
        List<Mapping> mappings = model.mappings();
        WebElement libraries = browser.driver.findElement(By.cssSelector("#legend input[aria-label='show library']"));
        libraries.click();
        long hidden = model.regions().stream().filter(r -> r.kind() == MappingKind.LIBRARY).count();
        assertThat(hidden).isPositive();
        assertThat(((Number) js("return Array.from(document.querySelectorAll('#map .m[data-kind=library]'))"
                + ".filter(e => e.offsetParent !== null).length;")).intValue()).isZero();
        assertThat(browser.driver.findElement(By.id("shown")).getText())
                .isEqualTo((starts.size() - hidden) + " of " + starts.size() + " mappings shown");
        // The others close up in address order, with the breaks where libraries were.
        PageLayout.assertDrawn(browser.driver, mappings, i -> kind(i) != MappingKind.LIBRARY, 1);
        // The arrows skip what is hidden: from the last mapping before the first library to the first after it.
        int library = IntStream.range(0, mappings.size()).filter(i -> kind(i) == MappingKind.LIBRARY).findFirst()
                .orElseThrow();
        int after = IntStream.range(library, mappings.size()).filter(i -> kind(i) != MappingKind.LIBRARY)
                .findFirst().orElseThrow();
        WebElement beforeLibrary = browser.driver.findElement(
                By.cssSelector("#map [data-start='" + starts.get(library - 1) + "']"));
        js("arguments[0].focus();", beforeLibrary);
        beforeLibrary.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("data-start")).isEqualTo(starts.get(after));
        js("document.activeElement.blur();");
        libraries.click();
        assertThat(browser.driver.findElement(By.id("shown")).getText()).isEqualTo(starts.size() + " mappings shown");
        PageLayout.assertDrawn(browser.driver, mappings, i -> true, 1);

        // Zoom: the stack and its neighbours only, twice as tall.
        WebElement stack = browser.driver.findElement(By.cssSelector("#map .m[data-kind=stack]"));
        int at = starts.indexOf(stack.getAttribute("data-start"));
        int before = stack.getRect().height;
        new Actions(browser.driver).doubleClick(stack).perform();
        assertThat(stack.getRect().height).isEqualTo(2 * before);
        Mapping first = mappings.get(Math.max(0, at - 12));
        Mapping last = mappings.get(Math.min(mappings.size() - 1, at + 12));
        assertThat(browser.driver.findElement(By.id("lo")).getAttribute("value")).isEqualTo(first.startText());
        assertThat(browser.driver.findElement(By.id("hi")).getAttribute("value"))
                .isEqualTo(Long.toHexString(last.end()));
        assertThat(browser.driver.findElement(By.id("shown")).getText()).endsWith(" of " + starts.size()
                + " mappings shown");
        PageLayout.assertDrawn(browser.driver, mappings, PageLayout.inRange(mappings, first.start(), last.end()), 2);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("data-start")).isEqualTo(starts.get(at));
        browser.driver.findElement(By.id("all")).click();
        new Select(browser.driver.findElement(By.id("zoom"))).selectByValue("1");
        assertThat(stack.getRect().height).isEqualTo(before);
        assertThat(browser.driver.findElement(By.id("shown")).getText()).isEqualTo(starts.size() + " mappings shown");
        PageLayout.assertDrawn(browser.driver, mappings, i -> true, 1);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void fromAndToShowOnlyTheMappingsInTheRange() {
        List<Mapping> mappings = model.mappings();
        // From inside the fourth mapping (it is shown: it reaches into the range) to the start of the ninth (not).
        long lo = mappings.get(3).start() + 1;
        long hi = mappings.get(8).start();
        WebElement from = browser.driver.findElement(By.id("lo"));
        WebElement to = browser.driver.findElement(By.id("hi"));
        from.sendKeys("0x" + Long.toHexString(lo));
        to.sendKeys(Long.toHexString(hi), Keys.ENTER);
        PageLayout.assertDrawn(browser.driver, mappings, PageLayout.inRange(mappings, lo, hi), 1);
        assertThat(browser.driver.findElement(By.id("shown")).getText())
                .isEqualTo("5 of " + starts.size() + " mappings shown");

        // A kind hidden inside the range: both apply.
        MappingKind hiddenKind = kind(3);
        browser.driver.findElement(By.cssSelector("#legend input[aria-label='show " + hiddenKind.id() + "']")).click();
        IntPredicate inRange = PageLayout.inRange(mappings, lo, hi);
        IntPredicate shown = i -> inRange.test(i) && kind(i) != hiddenKind;
        PageLayout.assertDrawn(browser.driver, mappings, shown, 1);

        // Not an address: marked, and the page stays as it was.
        from.clear();
        from.sendKeys("0xnope", Keys.ENTER);
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        PageLayout.assertDrawn(browser.driver, mappings, shown, 1);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aScreenshotShowsTheKindsColours() throws Exception {
        js("window.scrollTo(0, 0);");
        Set<Integer> colours = browser.screenshotColours();
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        // The resident part of the stack and the libraries in their kinds' colours, exactly.
        for (MappingKind kind : List.of(MappingKind.STACK, MappingKind.LIBRARY)) {
            int rgb = Integer.parseInt(KindStyle.colour(kind).substring(1), 16);
            assertThat(colours).as(kind.id()).contains(rgb);
        }
    }
}
