package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** glibc getopt_long's rules, case by case, on a table shaped like pmap's. */
class GetoptTest {
    private static final Getopt.Option X = Getopt.Option.flag('x', "extended");
    private static final Getopt.Option BIG_X = Getopt.Option.flag('X', null);
    private static final Getopt.Option QUIET = Getopt.Option.flag('q', "quiet");
    private static final Getopt.Option RANGE = Getopt.Option.withArgument('A', "range");
    private static final Getopt.Option READ_RC = Getopt.Option.flag('c', "read-rc");
    private static final Getopt.Option READ_RC_FROM = Getopt.Option.withArgument('C', "read-rc-from");
    private static final Getopt.Option SECONDS = Getopt.Option.withArgument('\0', "seconds");
    private static final Getopt getopt = new Getopt(List.of(X, BIG_X, QUIET, RANGE, READ_RC, READ_RC_FROM, SECONDS));

    private static Getopt.Parsed parse(String... args) {
        return getopt.parse(List.of(args), false);
    }

    /** The options found, as "-x" or "--range=ARG", in order. */
    private static List<String> found(Getopt.Parsed parsed) {
        List<String> names = new ArrayList<>();
        for (Getopt.Occurrence occurrence : parsed.options()) {
            names.add(occurrence.option().display() + (occurrence.argument() == null ? "" : "=" + occurrence.argument()));
        }
        return names;
    }

    @Test
    void shortFlagsClusterAndRepeat() {
        Getopt.Parsed parsed = parse("-xqX", "-XX", "1");

        assertThat(found(parsed)).containsExactly("--extended", "--quiet", "-X", "-X", "-X");
        assertThat(parsed.operands()).containsExactly("1");
        assertThat(parsed.error()).isNull();
    }

    @Test
    void aShortOptionsArgumentIsTheRestOfItsWordOrTheNextWord() {
        assertThat(found(parse("-A0x10,0x20"))).containsExactly("--range=0x10,0x20");
        assertThat(found(parse("-xA", "0x10", "7"))).containsExactly("--extended", "--range=0x10");
        // The next word is taken whatever it looks like, as glibc does.
        assertThat(found(parse("-A", "-x"))).containsExactly("--range=-x");
        assertThat(found(parse("-A", "--"))).containsExactly("--range=--");
    }

    @Test
    void longOptionsTakeTheirArgumentAfterEqualsOrAsTheNextWord() {
        assertThat(found(parse("--range=1,2"))).containsExactly("--range=1,2");
        assertThat(found(parse("--range", "1,2"))).containsExactly("--range=1,2");
        assertThat(found(parse("--range="))).containsExactly("--range=");
        assertThat(found(parse("--seconds", "5"))).containsExactly("--seconds=5");
    }

    @Test
    void aUniquePrefixNamesALongOption() {
        assertThat(found(parse("--ext", "--q", "--ran=5", "--sec", "3")))
                .containsExactly("--extended", "--quiet", "--range=5", "--seconds=3");
    }

    @Test
    void anExactNameWinsOverLongerNamesItPrefixes() {
        assertThat(found(parse("--read-rc"))).containsExactly("--read-rc");
        assertThat(found(parse("--read-rc-", "f"))).containsExactly("--read-rc-from=f");
    }

    @Test
    void anAmbiguousPrefixIsAnErrorThatNamesTheCandidates() {
        Getopt.Parsed parsed = parse("--r", "1");

        assertThat(parsed.error()).isEqualTo("option '--r' is ambiguous: it could be --range, --read-rc, --read-rc-from");
        assertThat(parsed.options()).isEmpty();
    }

    @Test
    void operandsMayComeBeforeOptionsAndDoubleDashEndsTheOptions() {
        Getopt.Parsed parsed = parse("1", "-x", "2", "--", "-q", "--range");

        assertThat(found(parsed)).containsExactly("--extended");
        assertThat(parsed.operands()).containsExactly("1", "2", "-q", "--range");
    }

    @Test
    void aLoneDashAndAnEmptyWordAreOperands() {
        Getopt.Parsed parsed = parse("-", "", "-x");

        assertThat(parsed.operands()).containsExactly("-", "");
        assertThat(found(parsed)).containsExactly("--extended");
    }

    @Test
    void posixlyCorrectStopsAtTheFirstOperand() {
        Getopt.Parsed parsed = getopt.parse(List.of("-x", "1", "-q"), true);

        assertThat(found(parsed)).containsExactly("--extended");
        assertThat(parsed.operands()).containsExactly("1", "-q");
    }

    @Test
    void theFirstErrorStopsParsingAndKeepsWhatCameBefore() {
        Getopt.Parsed parsed = parse("-x", "-z", "-q", "--bogus");

        assertThat(parsed.error()).isEqualTo("unknown option '-z'");
        assertThat(found(parsed)).containsExactly("--extended");
    }

    @Test
    void everyKindOfErrorSaysWhatWasWrong() {
        assertThat(parse("--bogus").error()).isEqualTo("unknown option '--bogus'");
        assertThat(parse("-xz").error()).isEqualTo("unknown option '-z'");
        assertThat(parse("-A").error()).isEqualTo("option '-A' needs an argument");
        assertThat(parse("--range").error()).isEqualTo("option '--range' needs an argument");
        assertThat(parse("--quiet=1").error()).isEqualTo("option '--quiet' takes no argument");
        assertThat(parse("--=1").error()).startsWith("option '--' is ambiguous");
    }
}
