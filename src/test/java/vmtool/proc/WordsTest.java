package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lines of /proc text split at runs of blanks, as {@code strip().split("\\s+")} split them, without a Pattern. */
class WordsTest {
    @Test
    void runsOfBlanksOfAnyKindSeparateWordsAndNoneAreEmpty() {
        assertThat(Words.of("0\t0\t0\t0")).containsExactly("0", "0", "0", "0");
        assertThat(Words.of("  1000  \t 1001\t1002 1003  \n")).containsExactly("1000", "1001", "1002", "1003");
        assertThat(Words.of("a\u000Bb\fc\rd")).containsExactly("a", "b", "c", "d");
        assertThat(Words.of("one")).containsExactly("one");
    }

    @Test
    void blankTextHasNoWords() {
        assertThat(Words.of("")).isEmpty();
        assertThat(Words.of(" \t ")).isEmpty();
    }

    @Test
    void theSameWordsAsTheRegularExpressionGives() {
        for (String line : new String[] {"Uid:\t0\t1000\t0\t0", "  x  y ", "\tk\t\tv\t"}) {
            assertThat(Words.of(line)).containsExactly(line.strip().split("\\s+"));
        }
    }
}
