package vmtool.map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.WidthGolden;

/**
 * The terminal map fitted to 60, 80 and 120 columns: the bar shortens, the Rss column and then the range's end go,
 * names keep their end; and into a pipe (no width) the lines stay whole, as before.
 */
class MapWidthTest {
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {60, 80, 120})
    void theMapFitsTheTerminal(int columns) throws Exception {
        StringBuilder out = new StringBuilder();
        TerminalMap.write(WidthGolden.homework(), TerminalMap.Style.PLAIN, columns, out);
        WidthGolden.assertFitsAndMatches(out.toString(), columns, "map-" + columns + ".txt");
    }

    /** Into a pipe (no width): every line whole, as it was before the map was fitted to terminals. */
    @Test
    void intoAPipeNoLineIsFitted() throws Exception {
        StringBuilder out = new StringBuilder();
        TerminalMap.write(WidthGolden.homework(), TerminalMap.Style.PLAIN, out);
        WidthGolden.assertFitsAndMatches(out.toString(), Integer.MAX_VALUE, "map-pipe.txt");
    }
}
