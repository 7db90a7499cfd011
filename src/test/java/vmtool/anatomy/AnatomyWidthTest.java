package vmtool.anatomy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.WidthGolden;

/**
 * anatomy's text on a terminal of 60, 80 and 120 columns, with the meanings and --detail: the MEANING column wrapped
 * in its column where it has room, on lines of its own under each kind where it has not; the least needed columns
 * left out; names cut to their end.
 */
class AnatomyWidthTest {
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {60, 80, 120})
    void everyLineFitsTheTerminal(int columns) throws Exception {
        Anatomy anatomy = Anatomy.of(WidthGolden.homework(), null);
        WidthGolden.assertFitsAndMatches(new TextRenderer(true, true, columns).render(anatomy), columns,
                "anatomy-" + columns + ".txt");
    }
}
