package vmtool.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The root command: lists the subcommands and nothing else. */
@Command(name = "vmtool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "See virtual memory at work: a byte-exact pmap, and a program that keeps memory busy.",
        subcommands = {PmapCommand.class, TouchCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class},
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:Success.",
            " 1:pmap: usage error, unreadable process or rc file.",
            " 2:Usage error (vmtool, vmtool touch).",
            " 3:touch: the memory could not be had (allocation, locking).",
            "42:pmap: a PID does not exist (43 if also 1).",
            "130:touch: interrupted (SIGINT).",
            "141:Standard output was closed by its reader (e.g. | head).",
            "143:touch: terminated (SIGTERM)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  vmtool touch 100 --seconds 30     keep 100 MiB busy for 30 s",
            "  vmtool pmap -X 1234               what process 1234 maps, in detail"})
public final class VmtoolCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a command is missing: give 'pmap' or 'touch'");
    }
}
