package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every --help, at every terminal width from picocli's least (55) to 90 columns and a few wider, breaks its lines between words only:
 * each word of a description, an option's or operand's text and an exit status's meaning is whole on one line
 * (picocli alone broke {@code ~/.pmaprc} into {@code ~/.} and {@code pmaprc} at 80 columns, and could break
 * {@code docs/json.md} or {@code --read-rc-from} at others).
 */
class HelpWordsWholeTest {
    /** Every width of a narrow terminal (where lines break most), then a few wide ones. */
    private static final int[] WIDTHS = IntStream.concat(IntStream.rangeClosed(55, 90), IntStream.of(100, 120, 140))
            .toArray();

    static Stream<String> commandNames() {
        return Stream.concat(Stream.of(""), Commands.all().stream().map(CommandDef::name));
    }

    @ParameterizedTest(name = "vmtool {0} --help")
    @MethodSource("commandNames")
    void noWordIsBrokenAtAnyWidth(String command) {
        CommandLine line = PicocliRunner.create();
        for (int width : WIDTHS) {
            line.setUsageHelpWidth(width);
            CommandLine shown = command.isEmpty() ? line : line.getSubcommands().get(command);
            String help = shown.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Set<String> words = new HashSet<>(Arrays.asList(help.split("\\s+")));
            List<String> broken = new ArrayList<>(words(shown.getCommandSpec()));
            broken.removeAll(words);
            assertThat(broken).as("words broken in 'vmtool %s --help' at %d columns:%n%s", command, width, help)
                    .isEmpty();
            int widest = width;
            assertThat(help.lines().filter(text -> text.length() > widest))
                    .as("lines wider than %d in 'vmtool %s --help'", width, command).isEmpty();
        }
    }

    @Test
    void picocliAloneBrokeTheRcFileNameWhereTheLineEnded() {
        assertThat(SpaceWrappedHelp.wrap("Read the columns from the default rc file, ~/.pmaprc.", 44, 42))
                .containsExactly("Read the columns from the default rc file,", "~/.pmaprc.");
    }

    /** The words of the texts that the help wraps. */
    private static List<String> words(CommandSpec spec) {
        List<String> texts = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (arg.hidden()) {
                continue;
            }
            texts.addAll(Arrays.asList(arg.description()));
        }
        texts.addAll(spec.usageMessage().exitCodeList().values());
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            for (String word : text.replace("%n", " ").split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
