package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

import org.openqa.selenium.JavascriptExecutor;

import vmtool.model.Mapping;

/**
 * Where the page drew each mapping and gap, read from the browser's layout in one script call, against where the
 * picture's rules put them: the mappings shown in address order, each right below the one before, a break of
 * {@link Scale#GAP_HEIGHT} px labelled with the real size wherever the addresses jump (hidden mappings count as
 * unmapped), and heights of {@link Scale#height} at the zoom.
 */
final class PageLayout {
    /** Each mapping element as "start top height" (px from the top of #map) or "start -", and each gap shown. */
    private static final String READ = """
            var base = document.getElementById('map').getBoundingClientRect().top, out = [];
            function box(e) {
              if (e.getClientRects().length === 0) { return null; }
              var r = e.getBoundingClientRect();
              return Math.round(r.top - base) + ' ' + Math.round(r.height);
            }
            document.querySelectorAll('#map .m').forEach(function (e) {
              out.push(e.getAttribute('data-start') + ' ' + (box(e) || '-'));
            });
            out.push('');
            document.querySelectorAll('#map .g').forEach(function (g) {
              var b = box(g);
              if (b) { out.push(b + ' ' + g.textContent); }
            });
            return out.join('\\n');""";

    private PageLayout() {
    }

    /** Mapping {@code i} is shown when it lies in {@code [lo, hi)} (unsigned). */
    static IntPredicate inRange(List<Mapping> mappings, long lo, long hi) {
        return i -> Long.compareUnsigned(mappings.get(i).end(), lo) > 0
                && Long.compareUnsigned(mappings.get(i).start(), hi) < 0;
    }

    /** Asserts the page shows exactly the mappings that {@code shown} accepts, laid out at {@code zoom}. */
    static void assertDrawn(JavascriptExecutor js, List<Mapping> mappings, IntPredicate shown, double zoom) {
        List<String> lines = Arrays.asList(((String) js.executeScript(READ)).split("\n", -1));
        int blank = lines.indexOf("");
        List<String> actual = lines.subList(0, blank);
        List<String> actualGaps = lines.subList(blank + 1, lines.size());
        List<String> expected = new ArrayList<>(mappings.size());
        List<String> expectedGaps = new ArrayList<>();
        int y = 0;
        int previous = -1;
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            if (!shown.test(i)) {
                expected.add(m.startText() + " -");
                continue;
            }
            if (previous >= 0 && (previous != i - 1 || m.start() != mappings.get(previous).end())) {
                expectedGaps.add(y + " " + Scale.GAP_HEIGHT + " "
                        + Scale.human(m.start() - mappings.get(previous).end()) + " unmapped");
                y += Scale.GAP_HEIGHT;
            }
            int height = (int) Math.max(2, Math.round(Scale.height(m.size()) * zoom));
            expected.add(m.startText() + " " + y + " " + height);
            y += height;
            previous = i;
        }
        assertSameLines("mappings (start top height, or - when hidden)", actual, expected);
        assertSameLines("gaps (top height label)", actualGaps, expectedGaps);
    }

    /** Equal lists, or a message with the first line that differs (a full diff of 60,000 lines says nothing). */
    private static void assertSameLines(String what, List<String> actual, List<String> expected) {
        int common = Math.min(actual.size(), expected.size());
        for (int i = 0; i < common; i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                throw new AssertionError(what + ": line " + i + " is '" + actual.get(i) + "', expected '"
                        + expected.get(i) + "'; around it: " + actual.subList(Math.max(0, i - 3),
                        Math.min(common, i + 4)) + " against " + expected.subList(Math.max(0, i - 3),
                        Math.min(common, i + 4)));
            }
        }
        assertThat(actual.size()).as(what + ": how many").isEqualTo(expected.size());
    }
}
