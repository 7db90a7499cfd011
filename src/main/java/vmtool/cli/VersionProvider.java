package vmtool.cli;

import java.io.IOException;

import picocli.CommandLine;

/** picocli's --version line (of what picocli parses: generate-completion, help): {@link Version}'s. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {Version.line()};
    }
}
