package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The rc-file parser. Which lines get a warning, which fields are enabled and whether ShowPath toggles were checked
 * against /usr/bin/pmap -C FILE (procps-ng 4.0.2) for the files below.
 */
class RcFileUnitTest {

    private static List<Integer> warnedLines(RcFile rc) {
        List<Integer> lines = new ArrayList<>();
        Pattern number = Pattern.compile("^line (\\d+)\\b");
        for (String warning : rc.warnings()) {
            Matcher matcher = number.matcher(warning);
            assertThat(matcher.find()).as("warning starts with its line number: %s", warning).isTrue();
            lines.add(Integer.parseInt(matcher.group(1)));
        }
        return lines;
    }

    @Test
    void sectionsEnableFieldsAndShowPath() {
        RcFile rc = RcFile.parse("[Fields Display]\nPerm\nRss\n\n[Mapping]\nShowPath\n[Fields Display]\nMapping\n");

        assertThat(rc.fields()).containsExactlyInAnyOrder("Perm", "Rss", "Mapping");
        assertThat(rc.togglesShowPath()).isTrue();
        assertThat(rc.warnings()).isEmpty();
    }

    @Test
    void showPathTwiceIsNoToggle() {
        RcFile rc = RcFile.parse("[Mapping]\nShowPath\nShowPath\n[Fields Display]\nMapping\nRss\n");

        assertThat(rc.togglesShowPath()).isFalse();
        assertThat(rc.fields()).containsExactlyInAnyOrder("Mapping", "Rss");
        assertThat(rc.warnings()).isEmpty();
    }

    @Test
    void showPathThreeTimesToggles() {
        assertThat(RcFile.parse("[Mapping]\nShowPath\nShowPath\nShowPath\n").togglesShowPath()).isTrue();
    }

    @Test
    void showPathOutsideMappingDoesNotToggle() {
        RcFile rc = RcFile.parse("[Fields Display]\nShowPath\n");

        assertThat(rc.togglesShowPath()).isFalse();
        assertThat(rc.fields()).containsExactly("ShowPath");
    }

    @Test
    void commentsAndBlankLines() {
        RcFile rc = RcFile.parse("# comment\n  [Fields Display]  # trailing\n\tRss # comment\n#Pss\n   \n\t\nSwap\n"
                + "  # indented comment\nMapping\n");

        assertThat(rc.fields()).containsExactlyInAnyOrder("Rss", "Swap", "Mapping");
        assertThat(rc.warnings()).isEmpty();
    }

    @Test
    void theTemplateEnablesNothingAndWarnsOfNothing() {
        RcFile rc = RcFile.parse(RcFile.TEMPLATE);

        assertThat(rc.fields()).isEmpty();
        assertThat(rc.togglesShowPath()).isFalse();
        assertThat(rc.warnings()).isEmpty();
    }

    @Test
    void templateUncommentedEnablesItsFields() {
        RcFile rc = RcFile.parse(RcFile.TEMPLATE.replace("#Rss\n", "Rss\n").replace("#ShowPath", "ShowPath"));

        assertThat(rc.fields()).containsExactly("Rss");
        assertThat(rc.togglesShowPath()).isTrue();
    }

    /** pmap 4.0.2 warns about lines 1, 2, 3, 6, 7 ("syntax error") and 9 ("unsupported section"). */
    @Test
    void strayWordsUnknownSectionsAndTheirLineNumbers() {
        RcFile rc = RcFile.parse("Rss\n"             // 1: outside any section
                + "[Fields Display] junk\n"            // 2: text after the section name
                + "Rss Pss\n"                          // 3: two words
                + "Size\n"                             // 4
                + "[Mapping]\n"                        // 5
                + "ShowPath extra\n"                   // 6: two words, but ShowPath still toggles
                + "[broken\n"                          // 7: no closing bracket
                + "Mapping\n"                          // 8: in [Mapping], not a field
                + "[Other]\n"                          // 9: unsupported section
                + "foo bar\n"                          // 10: ignored inside it, no warning
                + "[Fields Display]\n"                 // 11
                + "  Swap  # c\n"                      // 12
                + "\tLocked\n");                       // 13

        assertThat(warnedLines(rc)).containsExactly(1, 2, 3, 6, 7, 9);
        assertThat(rc.warnings().get(5)).contains("[Other]");
        assertThat(rc.togglesShowPath()).isTrue();
        assertThat(rc.fields()).contains("Rss", "Size", "Swap", "Locked").doesNotContain("Pss", "Mapping", "foo");
    }

    /** pmap warns about the text after "[Mapping]", then reads it as an entry: ShowPath toggles. */
    @Test
    void textAfterASectionNameIsReadAsAnEntry() {
        RcFile rc = RcFile.parse("[Fields Display]  # c\nRss\n[Mapping] ShowPath\n[Fields Display]\nMapping\n");

        assertThat(warnedLines(rc)).containsExactly(3);
        assertThat(rc.togglesShowPath()).isTrue();
        assertThat(rc.fields()).containsExactlyInAnyOrder("Rss", "Mapping");
    }

    @Test
    void commentAfterASectionNameIsNoError() {
        RcFile rc = RcFile.parse("[Mapping]   # paths please\nShowPath\n");

        assertThat(rc.warnings()).isEmpty();
        assertThat(rc.togglesShowPath()).isTrue();
    }

    @Test
    void lineNumbersCountBlankAndCommentLines() {
        RcFile rc = RcFile.parse("\n# c\n\n[Fields Display]\n\nRss Pss\n");

        assertThat(warnedLines(rc)).containsExactly(6);
    }

    @Test
    void lastLineWithoutNewline() {
        RcFile rc = RcFile.parse("[Fields Display]\nRss\nMapping");

        assertThat(rc.fields()).containsExactlyInAnyOrder("Rss", "Mapping");
    }

    @Test
    void aLineLongerThanPmapsBufferIsWarnedAbout() {
        RcFile rc = RcFile.parse("[Fields Display]\nRss\n# " + "x".repeat(1500) + "\nSize\n");

        assertThat(warnedLines(rc)).containsExactly(3);
        assertThat(rc.fields()).containsExactlyInAnyOrder("Rss", "Size");
    }

    @Test
    void emptyFile() {
        RcFile rc = RcFile.parse("");

        assertThat(rc.fields()).isEmpty();
        assertThat(rc.warnings()).isEmpty();
        assertThat(rc.togglesShowPath()).isFalse();
    }
}
