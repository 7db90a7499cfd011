package vmtool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import vmtool.ExitCode;

/**
 * vmtool's version line, from the one place it is stated: the pom's version, which Maven writes into
 * version.properties. Printed without picocli: building its command tree costs several times a JVM's start-up, which
 * a version line need not pay. picocli's own --version reads it here too ({@link VersionProvider}).
 */
final class Version {
    private Version() {
    }

    /** {@code vmtool VERSION} ("unknown" when the resource is missing: classes not built by Maven). */
    static String line() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/vmtool/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return "vmtool " + properties.getProperty("version", "unknown");
    }

    /** Prints the line for {@code command} ("vmtool" or a subcommand's name); returns the exit status. */
    static int print(Context context, String command) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8));
        try {
            out.println(line());
        } catch (IOException e) {
            return Failure.report(command.equals("vmtool") ? "vmtool" : "vmtool " + command, e, context.err(),
                    Failure.Statuses.of(command, ExitCode.INPUT_FAILURE), false);
        }
        out.flush();
        return out.checkError() ? Failure.writeFailed(context, command) : ExitCode.OK;
    }
}
