package vmtool.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.Fixture;
import vmtool.WidthGolden;
import vmtool.model.AddressSpace;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.Sources;

/**
 * diff's text on a terminal of 50, 60, 80 and 120 columns: a long line goes on, indented, on the next, broken
 * between words; the per-kind table (101 columns whole) leaves out its least needed columns. Into a pipe nothing is
 * fitted (CommandGoldenTest's diff.out).
 */
class DiffWidthTest {
    private static Diff diff() throws Exception {
        Sources sources = new Sources(ProcFs.system(), InputStream.nullInputStream());
        AddressSpace before = sources.read(new Source.Saved(Fixture.SAVED.resolve("differ-before.smaps").toString()),
                false);
        AddressSpace after = sources.read(new Source.Saved(Fixture.SAVED.resolve("differ-after.smaps").toString()),
                false);
        return Differ.diff(before, after);
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {50, 60, 80, 120})
    void everyLineFitsTheTerminal(int columns) throws Exception {
        WidthGolden.assertFitsAndMatches(DiffRenderers.text(diff(), columns), columns, "diff-" + columns + ".txt");
    }

    @Test
    void theWholeTableIsWiderThanEightyColumnsSoTheFittedOneLeavesColumnsOut() throws Exception {
        String whole = DiffRenderers.text(diff());
        String fitted = DiffRenderers.text(diff(), 80);

        assertThat(whole.lines().mapToInt(String::length).max().orElseThrow()).isGreaterThan(80);
        assertThat(whole).contains("SWAP_KB");
        assertThat(fitted).doesNotContain("SWAP_KB").contains("RSS_KB").contains("SIZE_KB");
    }
}
