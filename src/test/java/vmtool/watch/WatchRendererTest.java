package vmtool.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.WidthGolden;
import vmtool.anatomy.Anatomy;
import vmtool.diff.Differ;
import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.terminal.Screen;

/**
 * watch's frame on terminals of 60x20, 80x24 and 120x40, and on one too short for its kinds: one column narrower
 * than the screen and one line shorter, so that it is redrawn in place and its title never scrolls away.
 */
class WatchRendererTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 6, 4, 38, 55);

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"60, 20", "80, 24", "120, 40", "60, 10"})
    void theFrameFitsTheScreen(int columns, int rows) throws Exception {
        Screen screen = Screen.fixed(columns, rows);
        String title = Watch.terminalTitle(4242, "memory-user", "refresh 3", "every 1 s", NOW,
                screen.inPlaceColumns());
        String frame = new WatchRenderer(false).render(title, frame(), screen);

        WidthGolden.assertFitsAndMatches(frame, columns - 1, "watch-" + columns + "x" + rows + ".txt");
        assertThat(frame.split("\n")).hasSizeLessThanOrEqualTo(rows - 1);
        assertThat(frame).startsWith(columns >= 120 ? "vmtool watch: pid 4242 (memory-user)" : "pid 4242 (memory-user)");
        assertThat(frame).containsPattern("(?m)^total +[0-9]+ ");
    }

    /** Into a pipe: every row, every column, every mapping; no line cut. */
    @Test
    void intoAPipeNothingIsLeftOut() throws Exception {
        String frame = new WatchRenderer(false).render("2026-12-06 04:38:55  pid 4242 (memory-user)  refresh 3",
                frame(), null);
        WidthGolden.assertFitsAndMatches(frame, Integer.MAX_VALUE, "watch-pipe.txt");
    }

    @Test
    void theTitleLosesTheDateThenTheNameThenTheIntervalAndKeepsPidRefreshAndTime() {
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12 of 100", "every 1 s", NOW, 119)).isEqualTo(
                "vmtool watch: pid 4242 (java)  refresh 12 of 100 every 1 s  2026-12-06 04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12 of 100", "every 1 s", NOW, 90)).isEqualTo(
                "vmtool watch: pid 4242 (java)  refresh 12 of 100 every 1 s  04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12", "every 1 s", NOW, 79)).isEqualTo(
                "vmtool watch: pid 4242 (java)  refresh 12 every 1 s  04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12 of 100", "every 1 s", NOW, 79))
                .isEqualTo("pid 4242 (java)  refresh 12 of 100 every 1 s  04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12 of 100", "every 1 s", NOW, 60))
                .isEqualTo("pid 4242 (java)  refresh 12 of 100  04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12", "every 1 s", NOW, 59))
                .isEqualTo("pid 4242 (java)  refresh 12  04:38:55  (Ctrl-C stops)");
        assertThat(Watch.terminalTitle(4242, "java", "refresh 12 of 100", "every 1 s", NOW, 50))
                .isEqualTo("pid 4242 (java)  refresh 12 of 100  04:38:55");
        assertThat(Watch.terminalTitle(4242, "a-long-command", "refresh 12 of 100", "every 1 s", NOW, 30))
                .isEqualTo("pid 4242 (a-long-command)  re\u2026");
    }

    /**
     * The homework's process at the third refresh: since the last, its two small anonymous mappings appeared and
     * its 100 MiB buffer vanished.
     */
    private static WatchFrame frame() throws Exception {
        AddressSpace now = WidthGolden.homework();
        List<Mapping> before = new ArrayList<>(now.mappings());
        before.remove(14);
        before.remove(13);
        List<Mapping> after = new ArrayList<>(now.mappings());
        after.remove(6);
        AddressSpace last = AddressSpace.of(now.process(), now.source(), now.saved(), before, ProcessFacts.NONE);
        AddressSpace current = AddressSpace.of(now.process(), now.source(), now.saved(), after, ProcessFacts.NONE);
        return WatchFrame.of(3, Anatomy.of(now, null), Anatomy.of(last, null), Anatomy.of(current, null),
                Differ.diff(last, current));
    }
}
