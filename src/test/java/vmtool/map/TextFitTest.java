package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting a text to a number of code points, with an ellipsis: never inside a surrogate pair. */
class TextFitTest {
    @Test
    void aTextThatFitsIsLeftAsItIs() {
        assertThat(Text.keepStart("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.keepEnd("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.keepStart("", 1)).isEmpty();
    }

    @Test
    void aLongerTextKeepsItsStartOrItsEnd() {
        assertThat(Text.keepStart("abcdefgh", 5)).isEqualTo("abcd\u2026").hasSize(5);
        assertThat(Text.keepEnd("/usr/lib/libc.so.6", 8)).isEqualTo("\u2026bc.so.6").hasSize(8);
    }

    @Test
    void codePointsAreCountedAndNotCut() {
        String clefs = "\uD834\uDD1E".repeat(6); // six MUSICAL SYMBOL G CLEFs, two chars each
        assertThat(Text.keepStart(clefs, 6)).isEqualTo(clefs);
        assertThat(Text.keepStart(clefs, 4)).isEqualTo("\uD834\uDD1E".repeat(3) + "\u2026");
        assertThat(Text.keepEnd(clefs, 4)).isEqualTo("\u2026" + "\uD834\uDD1E".repeat(3));
    }
}
