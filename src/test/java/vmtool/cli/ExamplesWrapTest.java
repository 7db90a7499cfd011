package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The examples of --help at a terminal's width: whole lines where they fit, else the command, then what it does. */
class ExamplesWrapTest {
    private static final List<String> EXAMPLES = List.of(
            "  vmtool pages 1234                   every mapping's pages, and the totals",
            "  vmtool pages --runs 1234 7f0562300000-7f0562400000   runs of pages in a range");

    @Test
    void whereTheyFitTheyStayAsTheyAre() {
        assertThat(ExamplesWrap.wrap(EXAMPLES, 80)).isEqualTo(EXAMPLES.get(0) + "\n" + EXAMPLES.get(1) + "\n");
    }

    @Test
    void aNarrowTerminalGetsTheCommandWholeAndWhatItDoesBelow() {
        assertThat(ExamplesWrap.wrap(EXAMPLES, 40)).isEqualTo("""
                  vmtool pages 1234
                      every mapping's pages, and the
                      totals
                  vmtool pages --runs 1234 7f0562300000-7f0562400000
                      runs of pages in a range
                """);
    }

    @Test
    void theManPageHasEachCommandAndWhatItDoesOnLinesOfTheirOwn() {
        assertThat(ExamplesWrap.onTwoLines(EXAMPLES)).containsExactly("  vmtool pages 1234",
                "      every mapping's pages, and the totals", "  vmtool pages --runs 1234 7f0562300000-7f0562400000",
                "      runs of pages in a range");
    }
}
