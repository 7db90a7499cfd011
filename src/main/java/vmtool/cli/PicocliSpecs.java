package vmtool.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import vmtool.ExitCode;

/**
 * picocli's model of vmtool, built in code from the {@link CommandDef}s: it renders --help, the man pages and the
 * completion, and runs only the root command, {@code help} and {@code generate-completion}. Loaded only for those.
 */
final class PicocliSpecs {
    private PicocliSpecs() {
    }

    /** The root command with every subcommand. */
    static CommandSpec root() {
        CommandSpec root = CommandSpec.wrapWithoutInspection(new MissingCommand());
        root.name("vmtool").mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
        root.exitCodeOnInvalidInput(ExitCode.USAGE);
        root.usageMessage().sortOptions(false)
                .description("See virtual memory at work: a byte-exact pmap, what an address space is made of, and a"
                        + " program that keeps memory busy.")
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(exitCodes(rootStatuses()))
                .footerHeading("%nExamples:%n")
                .footer("  vmtool touch 100 --seconds 30     keep 100 MiB busy for 30 s",
                        "  vmtool pmap -X 1234               what process 1234 maps, in detail");
        root.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, new ExamplesRenderer());
        CommandLine rootLine = new CommandLine(root);
        for (CommandDef def : Commands.all()) {
            rootLine.addSubcommand(def.name(), new CommandLine(of(def)));
        }
        rootLine.addSubcommand("help", new CommandLine(new CommandLine.HelpCommand()));
        rootLine.addSubcommand("generate-completion", new CommandLine(generateCompletion()));
        return rootLine.getCommandSpec();
    }

    /** One subcommand's model. */
    static CommandSpec of(CommandDef def) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new ParsedElsewhere(def.name()));
        spec.name(def.name()).mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
        // Help shows "-A LOW[,HIGH]" and "--range LOW[,HIGH]": getopt takes the argument as the next word (or
        // joined: -A0x1000, --range=0x1000), never as "-A=...".
        spec.parser().separator(" ");
        spec.usageMessage().sortOptions(false)
                .header(def.summary())
                .description(def.description().toArray(new String[0]))
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(exitCodes(ExitCode.of(def.name())))
                .footerHeading("%nExamples:%n")
                .footer(def.examples().toArray(new String[0]));
        // The summary is for the root's command list and the man page's NAME: the command's own help starts with its
        // synopsis, then the whole description.
        List<String> sections = new ArrayList<>(spec.usageMessage().sectionKeys());
        sections.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
        sections.remove(UsageMessageSpec.SECTION_KEY_HEADER);
        spec.usageMessage().sectionKeys(sections);
        // A synopsis wrapped between its groups: [-C FILE] stays whole (SynopsisWrap).
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, new SynopsisRenderer());
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, new ExamplesRenderer());
        for (Getopt.Option option : def.options()) {
            if (option == GetoptCli.HELP || option == GetoptCli.VERSION) {
                continue;
            }
            OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(new String[0]))
                    .description(option.description())
                    .hidden(option.hidden());
            if (option.takesArgument()) {
                builder.paramLabel(option.argument()).type(String.class).arity("1");
            } else {
                builder.type(boolean.class).arity("0");
            }
            spec.addOption(builder.build());
        }
        int index = 0;
        for (CommandDef.Operand operand : def.operands()) {
            spec.addPositional(PositionalParamSpec.builder()
                    .index(operand.arity().contains("*") ? index + "..*" : Integer.toString(index))
                    .paramLabel(operand.label()).arity(operand.arity()).type(String.class)
                    .description(operand.description()).build());
            index++;
        }
        return spec;
    }

    /** {@code vmtool generate-completion}: prints {@link CompletionScript}'s script. */
    private static CommandSpec generateCompletion() {
        PrintCompletion body = new PrintCompletion();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(body);
        body.spec = spec;
        spec.name("generate-completion").mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
        spec.usageMessage().description("Print the bash (and zsh) completion script for vmtool.",
                "Run the following command to give 'vmtool' Tab completion in the current shell:",
                "", "  source <(vmtool generate-completion)", "");
        return spec;
    }

    /** vmtool's own statuses: each one's summary. */
    private static Map<Integer, String> rootStatuses() {
        Map<Integer, String> statuses = new LinkedHashMap<>();
        for (ExitCode.Status status : ExitCode.TABLE) {
            statuses.put(status.code(), status.summary());
        }
        return statuses;
    }

    /** Statuses and their meanings as picocli's exit-code list, the numbers aligned on the right. */
    private static Map<String, String> exitCodes(Map<Integer, String> statuses) {
        int width = 0;
        for (int code : statuses.keySet()) {
            width = Math.max(width, Integer.toString(code).length());
        }
        Map<String, String> codes = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> status : statuses.entrySet()) {
            codes.put(String.format("%" + width + "d", status.getKey()), status.getValue());
        }
        return codes;
    }

    /** The completion script, on the command line's standard output. */
    private static final class PrintCompletion implements Runnable {
        /** Its own model, set once it is made (the model wraps this body), for the writer picocli gives it. */
        private CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(CompletionScript.bash(Commands.all()));
            spec.commandLine().getOut().flush();
        }
    }

    /** {@code vmtool} alone: a usage error that names the commands. */
    private static final class MissingCommand implements Runnable {
        @Override
        public void run() {
            throw new VmtoolException(ExitCode.USAGE, "a command is missing: give one of " + Commands.names()
                    + " (see 'vmtool --help')");
        }
    }

    /**
     * A subcommand's body as picocli sees it. {@link CommandLineFactory} gives a subcommand's arguments to its own
     * getopt reader, so picocli only ever answers its --help, which it does before any body runs.
     */
    private static final class ParsedElsewhere implements Runnable {
        private final String name;

        ParsedElsewhere(String name) {
            this.name = name;
        }

        @Override
        public void run() {
            throw new IllegalStateException("vmtool " + name + " reads its own arguments");
        }
    }

    /** The synopsis section: picocli's, re-wrapped at the usage width between groups. A class: no lambda in help. */
    private static final class SynopsisRenderer implements IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            return SynopsisWrap.wrap(help.synopsis(help.synopsisHeadingLength()), help.synopsisHeadingLength(),
                    help.commandSpec().usageMessage().width());
        }
    }

    /** The examples, each command whole on its line at any width (ExamplesWrap). */
    private static final class ExamplesRenderer implements IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            return ExamplesWrap.wrap(List.of(help.commandSpec().usageMessage().footer()),
                    help.commandSpec().usageMessage().width());
        }
    }
}
