package vmtool.pmap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the machine's /usr/bin/pmap (procps-ng 4.0.2), the behaviour vmtool pmap copies byte for byte. */
final class ReferencePmap {
    static final Path BINARY = Path.of("/usr/bin/pmap");

    private ReferencePmap() {
    }

    static boolean present() {
        return Files.isExecutable(BINARY);
    }

    static RunResult run(List<String> args) {
        return run(args, Map.of(), null);
    }

    /** Runs pmap with these arguments, extra environment variables, and an optional working directory. */
    static RunResult run(List<String> args, Map<String, String> env, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(args);
        return Processes.runToEnd(command, env, workDir);
    }
}
