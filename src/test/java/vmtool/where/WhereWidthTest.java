package vmtool.where;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.WidthGolden;
import vmtool.model.AddressSpace;

/** where's text on a terminal of 60, 80 and 120 columns: a line too long goes on, indented, on the next. */
class WhereWidthTest {
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {60, 80, 120})
    void everyLineFitsTheTerminal(int columns) throws Exception {
        AddressSpace space = WidthGolden.homework();
        List<Location> locations = List.of(Where.locate(space, space.mappings().get(3).start() + 0x123),
                Where.locate(space, 0x1000), Where.locate(space, 0xffffffffff600010L));
        WidthGolden.assertFitsAndMatches(WhereRenderers.text(locations, columns), columns,
                "where-" + columns + ".txt");
    }
}
