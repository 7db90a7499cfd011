package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import vmtool.ExitCode;

/**
 * ExitCode's table is whole and is what help says: every command is in it with the statuses every command can end
 * with, and each --help (vmtool's own too, and so the man pages made from the same model) lists exactly its rows.
 */
class ExitStatusTableTest {
    private static final Pattern STATUS_LINE = Pattern.compile("^ *(\\d+) {3}(\\S.*)$");

    @Test
    void everyCommandIsInTheTableAndNothingElse() {
        List<String> commands = Commands.all().stream().map(CommandDef::name).toList();
        List<String> named = new ArrayList<>();
        for (ExitCode.Status status : ExitCode.TABLE) {
            named.addAll(status.commands());
        }
        assertThat(commands).allSatisfy(name -> assertThat(named).as("the table names " + name).contains(name));
        assertThat(named).allSatisfy(name -> assertThat(commands).as(name + " is a command").contains(name));
    }

    @Test
    void statusesIncreaseAndEachCommandHasOneMeaningForEach() {
        int previous = -1;
        for (ExitCode.Status status : ExitCode.TABLE) {
            assertThat(status.code()).isGreaterThan(previous).isBetween(0, 255);
            previous = status.code();
            assertThat(status.commands()).as("status %d", status.code()).doesNotHaveDuplicates().isNotEmpty();
            assertThat(status.summary()).endsWith(".");
            status.meanings().forEach(meaning -> assertThat(meaning.text()).endsWith("."));
        }
    }

    /** A summary that names a command ("pmap: ...", "touch, watch: ...") names one that uses the status. */
    @Test
    void aSummaryNamesOnlyCommandsThatUseTheStatus() {
        for (ExitCode.Status status : ExitCode.TABLE) {
            for (CommandDef def : Commands.all()) {
                if (Pattern.compile("(^|; )([a-z]+, )*" + def.name() + "(, [a-z]+)*:").matcher(status.summary())
                        .find()) {
                    assertThat(status.commands()).as("status %d's summary names %s", status.code(), def.name())
                            .contains(def.name());
                }
            }
        }
    }

    /** Success, a closed pipe, a write failure and an internal error can happen to every command. */
    @Test
    void everyCommandListsTheStatusesEveryCommandCanEndWith() {
        for (CommandDef def : Commands.all()) {
            assertThat(ExitCode.of(def.name())).as(def.name()).containsKeys(ExitCode.OK, ExitCode.BROKEN_PIPE,
                    ExitCode.writeFailure(def.name()), ExitCode.internalError(def.name()));
        }
        assertThat(ExitCode.writeFailure("pmap")).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(ExitCode.internalError("pmap")).isEqualTo(ExitCode.PMAP_FAILURE);
        assertThat(ExitCode.writeFailure("anatomy")).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(ExitCode.internalError("anatomy")).isEqualTo(ExitCode.INTERNAL_ERROR);
    }

    @Test
    void eachCommandsHelpListsItsRowsOfTheTable() {
        for (CommandDef def : Commands.all()) {
            CommandRun help = CommandRun.of(def.name(), "--help");

            assertThat(help.status()).isZero();
            assertThat(statuses(help.out())).as("vmtool %s --help", def.name()).isEqualTo(ExitCode.of(def.name()));
        }
    }

    @Test
    void vmtoolsHelpListsEveryStatus() {
        CommandRun help = CommandRun.of("--help");

        Map<Integer, String> expected = new LinkedHashMap<>();
        ExitCode.TABLE.forEach(status -> expected.put(status.code(), status.summary()));
        assertThat(statuses(help.out())).isEqualTo(expected);
    }

    /** The "Exit status:" section of a help text, its wrapped lines joined again. */
    private static Map<Integer, String> statuses(String help) {
        String section = help.substring(help.indexOf("\nExit status:\n") + "\nExit status:\n".length());
        section = section.substring(0, section.indexOf("\n\n"));
        Map<Integer, String> statuses = new LinkedHashMap<>();
        Integer code = null;
        for (String line : section.lines().toList()) {
            Matcher matcher = STATUS_LINE.matcher(line);
            if (matcher.matches()) {
                code = Integer.valueOf(matcher.group(1));
                statuses.put(code, matcher.group(2).strip());
            } else {
                statuses.put(code, statuses.get(code) + " " + line.strip());
            }
        }
        return statuses;
    }
}
