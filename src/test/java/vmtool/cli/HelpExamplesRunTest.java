package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.DiesWithTheJvm;
import vmtool.ExitCode;

/**
 * Every example in the --help of pmap, pages, where, ps, share and anatomy runs as written, on processes this test
 * starts: 1234, 1240 and 1251 become three sleeps, an address libc's start in the first, a range its first mapping,
 * a program name {@code sleep}, a user {@code root}, a file a path in the test's directory (saved.smaps the first
 * sleep's smaps, my.pmaprc one that pmap -N wrote); {@code > FILE} writes standard output there, for the examples
 * after it to read. An example that asks for another program ({@code $(pgrep -n java)}) is left out.
 */
@Tag("slow")
class HelpExamplesRunTest {
    private static final List<String> COMMANDS = List.of("pmap", "pages", "where", "ps", "share", "anatomy");

    @TempDir
    static Path dir;
    private static final List<Process> SLEEPS = new ArrayList<>();

    @BeforeAll
    static void startSleeps() throws Exception {
        for (int i = 0; i < 3; i++) {
            SLEEPS.add(DiesWithTheJvm.start(new ProcessBuilder("sleep", "600")));
        }
        libc(SLEEPS.get(0).pid());
        Files.copy(Path.of("/proc/" + SLEEPS.get(0).pid() + "/smaps"), dir.resolve("saved.smaps"));
        assertThat(CommandRun.of("pmap", "-N", dir.resolve("my.pmaprc").toString()).status()).isZero();
    }

    @AfterAll
    static void stopSleeps() throws Exception {
        for (Process sleep : SLEEPS) {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each example line, in the order --help shows them (ps --capture comes before ps --file reads it back). */
    static Stream<String> examples() {
        List<String> examples = new ArrayList<>();
        for (CommandDef definition : Commands.all()) {
            if (COMMANDS.contains(definition.name())) {
                for (String line : definition.examples()) {
                    if (!line.contains("$(")) {
                        examples.add(line);
                    }
                }
            }
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsAsWritten(String example) throws Exception {
        // "  vmtool COMMAND ARGS   what it does": the command ends at the first run of blanks.
        String command = example.strip().split(" {2,}")[0];
        List<String> words = Arrays.asList(command.split(" "));
        assertThat(words.get(0)).isEqualTo("vmtool");
        int redirect = words.indexOf(">");
        List<String> args = new ArrayList<>();
        for (String word : words.subList(1, redirect < 0 ? words.size() : redirect)) {
            args.add(substitute(word));
        }
        CommandRun run = CommandRun.of(args.toArray(new String[0]));

        assertThat(run.status()).as("%s%n%s%s", args, run.err(), run.out()).isEqualTo(ExitCode.OK);
        if (!args.contains("--capture")) {
            assertThat(run.out()).as("%s", args).isNotEmpty();
        }
        if (redirect > 0) {
            Files.writeString(Path.of(substitute(words.get(redirect + 1))), run.out());
        }
    }

    private static String substitute(String word) throws Exception {
        long[] libc = libc(SLEEPS.get(0).pid());
        return switch (word) {
            case "1234" -> Long.toString(SLEEPS.get(0).pid());
            case "1240" -> Long.toString(SLEEPS.get(1).pid());
            case "1251" -> Long.toString(SLEEPS.get(2).pid());
            case "chromium" -> "sleep";
            case "postgres" -> "root";
            case "saved.smaps", "all.cap", "my.pmaprc", "s.json", "p.json" -> dir.resolve(word).toString();
            default -> word.matches("[0-9a-f]{9,}-[0-9a-f]{9,}")
                    ? Long.toHexString(libc[0]) + "-" + Long.toHexString(libc[1])
                    : word.matches("(0x)?[0-9a-f]{9,}") ? (word.startsWith("0x") ? "0x" : "")
                    + Long.toHexString(libc[0]) : word;
        };
    }

    /** libc's first mapping in the process: its start and end, once the loader has mapped it. */
    private static long[] libc(long pid) throws Exception {
        for (int tries = 0; tries < 100; tries++) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
                if (line.endsWith("libc.so.6")) {
                    String[] range = line.substring(0, line.indexOf(' ')).split("-");
                    return new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16)};
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no libc in " + pid + "'s maps");
    }
}
