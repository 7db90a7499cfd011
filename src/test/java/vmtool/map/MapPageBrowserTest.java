package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/** The page of a live {@code sleep}, in a real headless chromium. */
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
        WebElement libraries = browser.driver.findElement(By.cssSelector("#legend input[aria-label='show library']"));
        libraries.click();
        long hidden = model.regions().stream().filter(r -> r.kind() == MappingKind.LIBRARY).count();
        assertThat(hidden).isPositive();
        assertThat(((Number) js("return Array.from(document.querySelectorAll('#map .m[data-kind=library]'))"
                + ".filter(e => e.offsetParent !== null).length;")).intValue()).isZero();
        assertThat(browser.driver.findElement(By.id("shown")).getText())
                .isEqualTo((starts.size() - hidden) + " of " + starts.size() + " mappings shown");
        libraries.click();
        assertThat(browser.driver.findElement(By.id("shown")).getText()).isEqualTo(starts.size() + " mappings shown");

        // Zoom: the stack and its neighbours only, twice as tall.
        WebElement stack = browser.driver.findElement(By.cssSelector("#map .m[data-kind=stack]"));
        int before = stack.getRect().height;
        new Actions(browser.driver).doubleClick(stack).perform();
        assertThat(stack.getRect().height).isEqualTo(2 * before);
        assertThat(browser.driver.findElement(By.id("lo")).getAttribute("value")).isNotEmpty();
        assertThat(browser.driver.findElement(By.id("shown")).getText()).endsWith(" of " + starts.size()
                + " mappings shown");
        browser.driver.findElement(By.id("all")).click();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("zoom"))).selectByValue("1");
        assertThat(stack.getRect().height).isEqualTo(before);
        assertThat(browser.driver.findElement(By.id("shown")).getText()).isEqualTo(starts.size() + " mappings shown");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aScreenshotShowsTheKindsColours() throws Exception {
        js("window.scrollTo(0, 0);");
        byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        // The resident part of the stack and the libraries in their kinds' colours, exactly.
        for (MappingKind kind : List.of(MappingKind.STACK, MappingKind.LIBRARY)) {
            int rgb = Integer.parseInt(KindStyle.colour(kind).substring(1), 16);
            assertThat(colours).as(kind.id()).contains(rgb);
        }
    }
}
