package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.model.ProcessInfo;

/**
 * The {@code PID:   command} line. The escape cases were checked against /usr/bin/pmap (procps-ng 4.0.2) with
 * LC_ALL=C.UTF-8 and LC_ALL=C, on a process whose argv was
 * {@code "py\xc3\xa9\tx" "-c" "import time; time.sleep(60)" "\x01a\x7f\xc3\xa9\xff\x01\xc3\xa9b\nc"}.
 * Strings are one char per byte (ISO-8859-1), as ProcFs reads them.
 */
class HeaderLineUnitTest {
    private static final String LIVE_ARGV = "py\u00c3\u00a9\tx\0-c\0import time; time.sleep(60)\0"
            + "\u0001a\u007f\u00c3\u00a9\u00ff\u0001\u00c3\u00a9b\nc\0";

    private static ProcessInfo process(int tgid, String cmdline, String comm, char state) {
        return new ProcessInfo(tgid, tgid, cmdline, comm, state, 0);
    }

    @Test
    void liveCaseInAUtf8Locale() {
        String line = HeaderLine.format(process(22310, LIVE_ARGV, "python3", 'S'), () -> true);

        // pmap's bytes: valid UTF-8 kept, controls '?', until \xff; then controls '.', non-ASCII '?'.
        assertThat(line).isEqualTo("22310:   py\u00c3\u00a9?x -c import time; time.sleep(60) ?a?\u00c3\u00a9?.??b c\n");
    }

    @Test
    void liveCaseInTheCLocale() {
        String line = HeaderLine.format(process(22310, LIVE_ARGV, "python3", 'S'), () -> false);

        assertThat(line).isEqualTo("22310:   py??.x -c import time; time.sleep(60) .a.???.??b c\n");
    }

    static Stream<Arguments> utf8Escapes() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("caf\u00c3\u00a9", "caf\u00c3\u00a9"),
                Arguments.of("tab\there", "tab?here"),
                Arguments.of("del\u007f", "del?"),
                Arguments.of("three \u00e2\u0082\u00ac", "three \u00e2\u0082\u00ac"),
                Arguments.of("four \u00f0\u009f\u0098\u0080", "four \u00f0\u009f\u0098\u0080"),
                // 0x80-0xc1 and 0xf5-0xff cannot start a sequence: from there on, the C-locale rules.
                Arguments.of("\u0001ok\u0080\u0001\u00c3\u00a9", "?ok?.??"),
                Arguments.of("\u00c0\u0080", "??"),
                Arguments.of("\u00c1x\u0001", "?x."),
                Arguments.of("a\u00f5\u0001", "a?."),
                Arguments.of("\u00f4\u008f\u00bf\u00bf\u0001", "\u00f4\u008f\u00bf\u00bf?"),
                // a sequence cut by the end of the text
                Arguments.of("cut \u00e2\u0082", "cut ??"),
                Arguments.of("cut\u0001\u00c3", "cut??"));
    }

    @ParameterizedTest(name = "UTF-8: {0}")
    @MethodSource("utf8Escapes")
    void escapeInAUtf8Locale(String text, String shown) {
        assertThat(HeaderLine.escape(text, true)).isEqualTo(shown);
    }

    static Stream<Arguments> otherLocaleEscapes() {
        return Stream.of(
                Arguments.of("plain ~!", "plain ~!"),
                Arguments.of("caf\u00c3\u00a9", "caf??"),
                Arguments.of("tab\there\u0001\u001f", "tab.here.."),
                Arguments.of("del\u007f", "del."),
                Arguments.of("\u0080\u00ff", "??"));
    }

    @ParameterizedTest(name = "C: {0}")
    @MethodSource("otherLocaleEscapes")
    void escapeInOtherLocales(String text, String shown) {
        assertThat(HeaderLine.escape(text, false)).isEqualTo(shown);
    }

    static Stream<Arguments> joined() {
        return Stream.of(
                Arguments.of("sleep\0" + "100\0", "sleep 100"),
                Arguments.of("./memory-user\0" + "100\0", "./memory-user 100"),
                Arguments.of("a\0\0\0", "a"),
                Arguments.of("a\0\0b\0", "a  b"),
                Arguments.of("a\nb\0", "a b"),
                Arguments.of("a\0b\n\0", "a b "),
                // a rewritten argv without a final NUL: one final blank is dropped
                Arguments.of("nginx: worker process", "nginx: worker process"),
                Arguments.of("nginx: worker process ", "nginx: worker process"),
                Arguments.of("nginx: worker  ", "nginx: worker "),
                Arguments.of("x\ny\n", "x y"),
                // only empty arguments: procps shows "?" (a blank argument is not empty)
                Arguments.of("\0", "?"),
                Arguments.of("\0\0", "?"),
                Arguments.of("\0\0\0", "?"),
                Arguments.of(" \0", " "),
                Arguments.of("\0x\0", " x"));
    }

    @ParameterizedTest(name = "joinedArguments({0})")
    @MethodSource("joined")
    void joinedArguments(String cmdline, String joined) {
        assertThat(HeaderLine.joinedArguments(cmdline)).isEqualTo(joined);
    }

    @Test
    void noCmdlineIsNull() {
        assertThat(HeaderLine.joinedArguments("")).isNull();
    }

    @Test
    void kernelThreadShowsItsCommInBrackets() {
        assertThat(HeaderLine.format(process(2, "", "kthreadd", 'S'), () -> true)).isEqualTo("2:   [kthreadd]\n");
    }

    @Test
    void zombieIsDefunct() {
        assertThat(HeaderLine.format(process(4242, "", "sh", 'Z'), () -> true)).isEqualTo("4242:   [sh] <defunct>\n");
    }

    @Test
    void commIsEscapedToo() {
        assertThat(HeaderLine.format(process(5, "", "a\u0001b\u00c3\u00a9", 'S'), () -> false))
                .isEqualTo("5:   [a.b??]\n");
        assertThat(HeaderLine.format(process(5, "", "a\u0001b\u00c3\u00a9", 'S'), () -> true))
                .isEqualTo("5:   [a?b\u00c3\u00a9]\n");
    }

    @Test
    void theTgidIsShownNotThePid() {
        ProcessInfo thread = new ProcessInfo(101, 100, "app\0", "worker", 'S', 0);

        assertThat(HeaderLine.format(thread, () -> false)).isEqualTo("100:   app\n");
    }

    @Test
    void theLocaleIsAskedOnlyWhenTheTextNeedsIt() {
        AtomicInteger asked = new AtomicInteger();

        HeaderLine.format(process(1, "sleep\0" + "100\0", "sleep", 'S'), () -> {
            asked.incrementAndGet();
            return true;
        });
        assertThat(asked).hasValue(0);

        HeaderLine.format(process(1, "caf\u00c3\u00a9\0", "cafe", 'S'), () -> {
            asked.incrementAndGet();
            return true;
        });
        assertThat(asked).hasValue(1);
    }

    @Test
    void dependsOnLocale() {
        assertThat(HeaderLine.dependsOnLocale(process(1, "a\0b\0", "a", 'S'))).isFalse();
        assertThat(HeaderLine.dependsOnLocale(process(1, "a\tb\0", "a", 'S'))).isTrue();
        assertThat(HeaderLine.dependsOnLocale(process(1, "", "k\u00e9", 'S'))).isTrue();
        assertThat(HeaderLine.dependsOnLocale(process(1, "a\u007f\0", "a", 'S'))).isTrue();
    }
}
