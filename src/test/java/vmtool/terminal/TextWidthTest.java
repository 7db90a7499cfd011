package vmtool.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Text in terminal columns: cut to a number of code points with an ellipsis (never inside a surrogate pair), and
 * wrapped between words.
 */
class TextWidthTest {
    @Test
    void aTextThatFitsIsLeftAsItIs() {
        assertThat(TextWidth.keepStart("abcdef", 6)).isEqualTo("abcdef");
        assertThat(TextWidth.keepEnd("abcdef", 6)).isEqualTo("abcdef");
        assertThat(TextWidth.keepStart("", 1)).isEmpty();
    }

    @Test
    void aLongerTextKeepsItsStartOrItsEnd() {
        assertThat(TextWidth.keepStart("abcdefgh", 5)).isEqualTo("abcd\u2026").hasSize(5);
        assertThat(TextWidth.keepEnd("/usr/lib/libc.so.6", 8)).isEqualTo("\u2026bc.so.6").hasSize(8);
    }

    @Test
    void codePointsAreCountedAndNotCut() {
        String clefs = "\uD834\uDD1E".repeat(6); // six MUSICAL SYMBOL G CLEFs, two chars each
        assertThat(TextWidth.keepStart(clefs, 6)).isEqualTo(clefs);
        assertThat(TextWidth.keepStart(clefs, 4)).isEqualTo("\uD834\uDD1E".repeat(3) + "\u2026");
        assertThat(TextWidth.keepEnd(clefs, 4)).isEqualTo("\u2026" + "\uD834\uDD1E".repeat(3));
    }

    @Test
    void aLetterWithAnAccentIsOneColumn() {
        assertThat(TextWidth.columns("caf\u00e9")).isEqualTo(4);
        assertThat(TextWidth.keepEnd("/tmp/caf\u00e9.so", 8)).isEqualTo("\u2026caf\u00e9.so");
    }

    @Test
    void wrapBreaksBetweenWordsKeepsTheIndentationAndCutsAWordLongerThanALine() {
        assertThat(TextWidth.wrap("the brk heap, where malloc puts small blocks", 20))
                .containsExactly("the brk heap, where", "malloc puts small", "blocks");
        assertThat(TextWidth.wrap("  below: none", 80)).containsExactly("  below: none");
        assertThat(TextWidth.wrap("  above: 0x1000-0x2000 r--p program /usr/bin/sleep", 30))
                .containsExactly("  above: 0x1000-0x2000 r--p", "program /usr/bin/sleep");
        assertThat(TextWidth.wrap("abcdefghij klm", 4)).containsExactly("abcd", "efgh", "ij", "klm");
    }

    @Test
    void aContinuationIsIndentedAndAsWide() {
        List<String> lines = TextWidth.wrap("0x10: not mapped, in the gap 0x0-0x56353bf69000 (86.2 TiB)", 30, "    ");
        assertThat(lines).containsExactly("0x10: not mapped, in the gap", "    0x0-0x56353bf69000 (86.2", "    TiB)");
        assertThat(lines).allMatch(line -> line.length() <= 30);
    }
}
