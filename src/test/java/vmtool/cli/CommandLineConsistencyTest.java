package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** One command line: every error names its command, every --help ends with examples, completion knows it all. */
class CommandLineConsistencyTest {

    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    static Stream<String> commandNames() {
        return Stream.concat(Stream.of(""), Commands.all().stream().map(CommandDef::name));
    }

    /** Every --help fits 80 columns and ends with examples, each one whole line (none wraps onto a line of its own). */
    @ParameterizedTest(name = "vmtool {0} --help")
    @MethodSource("commandNames")
    void helpFitsEightyColumnsAndEndsWithExamplesOfItsOwnCommand(String command) {
        CommandRun run = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out().lines()).as("'vmtool %s --help'", command)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        String examples = run.out().substring(run.out().lastIndexOf("\nExamples:\n") + "\nExamples:\n".length());
        assertThat(run.out()).contains("\nExamples:\n");
        assertThat(examples.lines().filter(line -> !line.isBlank()))
                .as("example lines of 'vmtool %s --help'", command)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  vmtool "))
                .anySatisfy(line -> assertThat(line).startsWith(("  vmtool " + command).stripTrailing()));
    }

    /** vmtool --help lists each command with what it does, in at most three lines: its summary, not a wall. */
    @Test
    void rootHelpListsEachCommandWithItsSummary() {
        String help = run("--help").out();
        int start = help.indexOf("Commands:\n") + "Commands:\n".length();
        List<String> list = help.substring(start, help.indexOf("\n\n", start)).lines().toList();
        for (CommandDef definition : Commands.all()) {
            int first = list.indexOf(list.stream().filter(line -> line.startsWith("  " + definition.name() + " "))
                    .findFirst().orElseThrow());
            StringBuilder entry = new StringBuilder(list.get(first).substring(2 + definition.name().length()).strip());
            int lines = 1;
            while (first + lines < list.size() && list.get(first + lines).startsWith("       ")) {
                entry.append(' ').append(list.get(first + lines).strip());
                lines++;
            }
            assertThat(entry.toString()).isEqualTo(definition.summary());
            assertThat(lines).as("vmtool --help's entry for %s", definition.name()).isLessThanOrEqualTo(3);
        }
    }

    static Stream<List<String>> userErrors() {
        return Stream.of(
                List.of(),
                List.of("--bogus"),
                List.of("frobnicate"),
                List.of("touch"),
                List.of("touch", "abc"),
                List.of("touch", "0"),
                List.of("touch", "10", "--seconds", "-1"),
                List.of("touch", "10", "--mode", "sideways"),
                List.of("touch", "10", "--interval", "0"),
                List.of("touch", "10", "--threads", "0"),
                List.of("touch", "10", "--quiet", "--json"),
                List.of("touch", "10", "--bogus"),
                List.of("touch", "10", "20"),
                List.of("pmap", "--bogus", "1"),
                List.of("pmap", "abc"),
                List.of("pages"),
                List.of("pages", "abc"),
                List.of("pages", "1", "zz"),
                List.of("pages", "--json", "--csv", "1"),
                List.of("where", "--physical", "--file", "x.smaps", "0x1000"),
                List.of("where", "1"),
                List.of("ps", "--sort", "size"),
                List.of("ps", "1"),
                List.of("share"),
                List.of("share", "abc"),
                List.of("anatomy", "--tree", "abc"),
                List.of("anatomy", "--program"),
                List.of("touch", "10", "--physical", "--bogus"));
    }

    @ParameterizedTest
    @MethodSource("userErrors")
    void everyUserErrorIsOneLineThatNamesItsCommand(List<String> args) {
        CommandRun run = run(args.toArray(new String[0]));

        String command = args.isEmpty() || Commands.all().stream().noneMatch(c -> c.name().equals(args.get(0)))
                ? "vmtool: " : "vmtool " + args.get(0) + ": ";
        assertThat(run.status()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith(command);
    }

    @Test
    void completionScriptNamesEverySubcommandAndOption() {
        CommandRun run = run("generate-completion");

        assertThat(run.status()).isZero();
        CommandSpec root = PicocliRunner.create().getCommandSpec();
        assertThat(run.out()).isEqualTo(CompletionScript.bash(Commands.all())).contains("complete -F _vmtool vmtool");
        for (CommandDef definition : Commands.all()) {
            String command = definition.name();
            assertThat(run.out()).contains("        " + command + ")\n");
            for (OptionSpec option : root.subcommands().get(command).getCommandSpec().options()) {
                if (option.hidden()) {
                    continue;
                }
                for (String name : option.names()) {
                    assertThat(run.out()).as("completion of vmtool %s %s", command, name).contains(name);
                }
            }
        }
    }

    static Stream<CommandDef> definitions() {
        return Commands.all().stream();
    }

    /**
     * Help is built from the same definition getopt reads: every option it shows is in the table, and it shows an
     * argument the way getopt takes it ("-A LOW[,HIGH]", never "-A=LOW[,HIGH]", which getopt would read as "=LOW";
     * "--range=LOW[,HIGH]" is right).
     */
    @ParameterizedTest(name = "vmtool {0}")
    @MethodSource("definitions")
    void helpShowsEveryOptionOfTheDefinitionInAFormGetoptAccepts(CommandDef definition) {
        CommandRun help = run(definition.name(), "--help");

        assertThat(help.status()).isZero();
        for (Getopt.Option option : definition.options()) {
            String names = option.shortName() != 0 && option.longName() != null
                    ? "-" + option.shortName() + ", --" + option.longName()
                    : option.shortName() != 0 ? "-" + option.shortName() : "--" + option.longName();
            String shown = names + (option.takesArgument() ? " " + option.argument() : "");
            if (option.hidden()) {
                assertThat(help.out()).as("hidden %s", names).doesNotContain(names + " ");
            } else {
                assertThat(help.out()).as("vmtool %s --help", definition.name()).contains(shown);
            }
        }
        assertThat(help.out()).as("a short option shown with '='").doesNotContainPattern("(?<![-\\w])-[A-Za-z]=");
    }
}
