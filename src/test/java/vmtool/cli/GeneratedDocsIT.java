package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages and the completion script that 'mvn package' generated say what --help says (run by failsafe,
 * after package). The man pages are read as troff text, so this needs neither man nor groff.
 */
class GeneratedDocsIT {
    private static final Path BUILD = Path.of(System.getProperty("vmtool.buildDir", "target"));
    /** An option as --help writes it: -x, -XX, --read-rc-from. */
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[A-Za-z0-9][A-Za-z0-9-]*");

    @ParameterizedTest(name = "vmtool {0}")
    @MethodSource("vmtool.cli.CommandLineConsistencyTest#commandNames")
    void manPageNamesEveryOptionThatHelpNames(String command) throws IOException {
        String help = command.isEmpty() ? CommandLineConsistencyTest.run("--help").out()
                : CommandLineConsistencyTest.run(command, "--help").out();
        String man = manText(command);

        Matcher options = OPTION.matcher(help);
        int count = 0;
        while (options.find()) {
            assertThat(man).as("vmtool %s man page, option %s", command, options.group()).contains(options.group());
            count++;
        }
        assertThat(count).isGreaterThan(1);
        for (OptionSpec option : spec(command).options()) {
            if (option.hidden()) {
                continue;
            }
            for (String name : option.names()) {
                assertThat(man).contains(name);
            }
            for (String line : option.description()) {
                assertThat(man).as("vmtool %s man page, %s", command, option.longestName())
                        .contains(line.replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue())));
            }
        }
        for (String line : spec(command).usageMessage().description()) {
            assertThat(man).contains(line);
        }
    }

    @ParameterizedTest(name = "vmtool {0}")
    @MethodSource("vmtool.cli.CommandLineConsistencyTest#commandNames")
    void manSynopsisIsHelpSynopsis(String command) throws IOException {
        String help = command.isEmpty() ? CommandLineConsistencyTest.run("--help").out()
                : CommandLineConsistencyTest.run(command, "--help").out();
        String firstDescriptionLine = spec(command).usageMessage().description()[0];
        String helpSynopsis = help.substring("Usage: ".length(), help.indexOf(firstDescriptionLine.substring(0, 20)));
        String man = manText(command);
        String manSynopsis = man.substring(man.indexOf("SYNOPSIS") + "SYNOPSIS".length(), man.indexOf("DESCRIPTION"));

        assertThat(squeeze(manSynopsis)).isEqualTo(squeeze(helpSynopsis));
    }

    @Test
    void completionScriptNamesTheSubcommandsAndTheirOptions() throws IOException {
        String script = Files.readString(BUILD.resolve("completion/vmtool.bash"));

        assertThat(script).isEqualTo(CompletionScript.bash(Commands.all()))
                .contains("_vmtool_commands='" + Commands.names().replace(", ", " ") + " help generate-completion'");
        for (CommandDef definition : Commands.all()) {
            String command = definition.name();
            for (OptionSpec option : spec(command).options()) {
                if (option.hidden()) {
                    continue;
                }
                for (String name : option.names()) {
                    assertThat(script).as("vmtool %s %s", command, name).contains(name);
                }
            }
        }
    }

    /**
     * Each man page, as man shows it on an 80-column terminal (groff, as man runs it), has no line wider: the
     * examples too, each command and what it does on lines of their own.
     */
    @ParameterizedTest(name = "vmtool {0}")
    @MethodSource("vmtool.cli.CommandLineConsistencyTest#commandNames")
    void manPageFitsEightyColumns(String command) throws Exception {
        Path page = BUILD.resolve("man").resolve(command.isEmpty() ? "vmtool.1" : "vmtool-" + command + ".1");
        Process groff = new ProcessBuilder("groff", "-man", "-Tascii", "-P-cbou", "-rLL=80n", page.toString())
                .redirectErrorStream(true).start();
        String shown = new String(groff.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(groff.waitFor()).as(shown).isZero();

        assertThat(shown).contains("EXAMPLES");
        assertThat(shown.lines()).as("vmtool %s's man page at 80 columns", command)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        for (String example : spec(command).usageMessage().footer()) {
            if (example.startsWith("  vmtool ")) {
                assertThat(shown).contains(example.strip().split(" {2,}")[0]);
            }
        }
    }

    /** picocli 4.7.7 itself turns colours off for NO_COLOR and for a stdout that is not a terminal; keep it so. */
    @Test
    void helpIsColouredOnATerminalOnlyWithoutNoColor() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) to make a terminal");
        String help = "java -jar " + BUILD.resolve("vmtool.jar") + " touch --help";

        assertThat(onTerminal(help, null)).contains("\u001b[");
        assertThat(onTerminal(help, "1")).doesNotContain("\u001b[").contains("Usage: vmtool touch");
        assertThat(onTerminal(help + " | cat", null)).doesNotContain("\u001b[").contains("Usage: vmtool touch");
    }

    private static String onTerminal(String shellCommand, String noColor) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", shellCommand, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true);
        builder.environment().remove("NO_COLOR");
        builder.environment().put("TERM", "xterm");
        if (noColor != null) {
            builder.environment().put("NO_COLOR", noColor);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static CommandSpec spec(String command) {
        CommandSpec root = PicocliRunner.create().getCommandSpec();
        return command.isEmpty() ? root : root.subcommands().get(command).getCommandSpec();
    }

    private static String manText(String command) throws IOException {
        Path page = BUILD.resolve("man").resolve(command.isEmpty() ? "vmtool.1" : "vmtool-" + command + ".1");
        return troffToText(Files.readString(page));
    }

    /** Enough of troff for these pages: requests dropped, font changes and escapes resolved. */
    static String troffToText(String troff) {
        StringBuilder text = new StringBuilder();
        for (String line : troff.split("\n")) {
            if (line.startsWith(".SH ")) {
                text.append(line.substring(4).replace("\"", "")).append('\n');
            } else if (line.startsWith(".") || line.startsWith("'")) {
                continue;
            } else {
                text.append(line).append('\n');
            }
        }
        return text.toString()
                .replaceAll("\\\\f(\\(..|\\[[^]]*]|.)", "")
                .replace("\\-", "-")
                .replace("\\(aq", "'").replace("\\*(Aq", "'").replace("\\(cq", "'").replace("\\(oq", "'")
                .replace("\\(rs", "\\").replace("\\e", "\\").replace("\\&", "").replace("\\ ", " ")
                .replace("\\*(Am", "&").replace("\u2019", "'");
    }

    private static String squeeze(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
