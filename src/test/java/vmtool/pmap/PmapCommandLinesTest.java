package vmtool.pmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The header line of processes with unusual command lines (only empty arguments, only blanks, very long,
 * non-UTF-8, control bytes), each a small helper started with exactly that argv, against /usr/bin/pmap.
 */
@Tag("slow")
class PmapCommandLinesTest {

    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("[\"\"]", List.of(b(""))),
                Arguments.of("[\"\", \"\"]", List.of(b(""), b(""))),
                Arguments.of("[\"\", \"\", \"\"]", List.of(b(""), b(""), b(""))),
                Arguments.of("an empty argv", List.of()),
                Arguments.of("[\" \"]", List.of(b(" "))),
                Arguments.of("only blanks", List.of(b("   "), b(" "), b(""))),
                Arguments.of("[\"\", \"x\"]", List.of(b(""), b("x"))),
                Arguments.of("[\"x\", \"\"]", List.of(b("x"), b(""))),
                Arguments.of("60000 bytes", List.of(b("b".repeat(60000)))),
                Arguments.of("four 30000-byte arguments", List.of(b("q".repeat(30000)), b("q".repeat(30000)),
                        b(""), b("q".repeat(30000)))),
                Arguments.of("invalid UTF-8 first", List.of(b("\u00ff\u00fe"), b("caf\u00c3\u00a9"))),
                Arguments.of("valid then invalid UTF-8", List.of(b("caf\u00c3\u00a9"), b("\u00c0\u0080"), b("\u00e9"))),
                Arguments.of("truncated UTF-8", List.of(b("x\u00e2\u0082"))),
                Arguments.of("4-byte UTF-8 and F5", List.of(b("\u00f0\u009f\u0098\u0080"), b("\u00f5"))),
                Arguments.of("newlines and tabs", List.of(b("a\nb"), b("\tc\r"), b("\n"))),
                Arguments.of("control bytes and escapes", List.of(b("\u001b[31mred\u001b[0m"), b("\u0001\u007f"))),
                Arguments.of("C1 controls in UTF-8", List.of(b("\u00c2\u0085nel\u00e2\u0080\u00a8"))));
    }

    @ParameterizedTest(name = "pmap {0}")
    @MethodSource("commandLines")
    void headerLine(String what, List<byte[]> argv) {
        Assumptions.assumeTrue(ReferencePmap.present(), "no /usr/bin/pmap to compare with");
        try (Mapper helper = Mapper.startWithArgv(argv)) {
            for (List<String> mode : List.of(List.<String>of(), List.of("-x", "-q"), List.of("-X"))) {
                List<String> args = new ArrayList<>(mode);
                args.add(helper.pidArg());
                Differential.assertSame(args);
            }
        }
    }
}
