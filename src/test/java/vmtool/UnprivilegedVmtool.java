package vmtool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * vmtool run as the unprivileged user ({@link Unprivileged}) in a JVM of its own ({@link ChildVmtool}, whose class
 * path any user may read: root's Maven repository is closed to others).
 */
public final class UnprivilegedVmtool {
    /** One run: its exit status and both streams. */
    public record Run(int status, String out, String err) {
    }

    private UnprivilegedVmtool() {
    }

    public static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = ChildVmtool.command(args);
        ChildRun run = ChildRun.of(new ProcessBuilder(Unprivileged.command(command))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start(), 60);
        return new Run(run.status(), run.out(), run.err());
    }
}
