package vmtool.cli;

import java.io.File;
import java.io.IOException;

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
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                PicocliSpecs.root());
        if (status != 0) {
            throw new IOException("picocli's man page generator ended with status " + status);
        }
    }
}
