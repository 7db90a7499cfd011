package vmtool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The version comes from the pom, through a filtered resource. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/vmtool/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"vmtool " + properties.getProperty("version", "unknown")};
    }
}
