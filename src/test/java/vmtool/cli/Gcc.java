package vmtool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a test helper from src/test/c with gcc, into a temporary directory removed when the JVM exits. */
final class Gcc {
    private Gcc() {
    }

    /** {@code gcc -O1 -Wall -Wextra FLAGS -o DIR/NAME SOURCE}; the binary's path. */
    static Path build(Path source, String name, String... flags) throws IOException, InterruptedException {
        Path buildDir = Files.createTempDirectory("vmtool-" + name + "-bin-");
        Path out = buildDir.resolve(name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(buildDir);
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }));
        List<String> command = new ArrayList<>(List.of("gcc", "-O1", "-Wall", "-Wextra"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", out.toString(), source.toAbsolutePath().toString()));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed:\n" + output);
        }
        return out;
    }
}
