package vmtool.cli;

import java.io.File;
import java.io.IOException;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages' AsciiDoc sources (vmtool.adoc, vmtool-pmap.adoc, ...) from the same model as --help; the
 * build runs it (pom.xml) and Asciidoctor turns them into troff. picocli-codegen is a build-time dependency only:
 * nothing at run time loads this class.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY");
        }
        CommandSpec root = PicocliSpecs.root();
        twoLineExamples(root);
        for (CommandLine subcommand : root.subcommands().values()) {
            twoLineExamples(subcommand.getCommandSpec());
        }
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, root);
        if (status != 0) {
            throw new IOException("picocli's man page generator ended with status " + status);
        }
    }

    /** The examples as the man page shows them: command and what it does on lines of their own (ExamplesWrap). */
    private static void twoLineExamples(CommandSpec spec) {
        spec.usageMessage().footer(ExamplesWrap.onTwoLines(List.of(spec.usageMessage().footer()))
                .toArray(new String[0]));
    }
}
