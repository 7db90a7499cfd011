package vmtool.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Columns left out, the least needed first, until the table fits; the others always stay. */
class TableFitTest {
    private static final int[] WIDTHS = {12, 8, 7, 11, 10};

    @Test
    void aTableThatFitsKeepsEveryColumn() {
        assertThat(TableFit.width(WIDTHS, new boolean[] {true, true, true, true, true})).isEqualTo(56);
        assertThat(TableFit.kept(WIDTHS, new int[] {4, 3, 1}, 56)).containsExactly(true, true, true, true, true);
    }

    @Test
    void columnsGoInTheOrderGivenUntilTheTableFits() {
        assertThat(TableFit.kept(WIDTHS, new int[] {4, 3, 1}, 55)).containsExactly(true, true, true, true, false);
        assertThat(TableFit.kept(WIDTHS, new int[] {4, 3, 1}, 33)).containsExactly(true, true, true, false, false);
        assertThat(TableFit.kept(WIDTHS, new int[] {4, 3, 1}, 10)).containsExactly(true, false, true, false, false);
        assertThat(TableFit.project(new String[] {"a", "b", "c", "d", "e"},
                new boolean[] {true, false, true, false, false})).containsExactly("a", "c");
        assertThat(TableFit.project(WIDTHS, new boolean[] {true, false, true, false, false})).containsExactly(12, 7);
    }
}
