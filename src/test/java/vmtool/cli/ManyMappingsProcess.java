package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * scripts/many-mappings.c built into a directory and started with some pairs (2 x pairs + 24 mappings), running until
 * {@link #close}; and scripts/vmtool run with its output in files: for the tests that hold the launcher's real heap
 * to a process of tens of thousands of mappings (failsafe, on the jar that package made).
 */
final class ManyMappingsProcess implements AutoCloseable {
    static final Path LAUNCHER = Path.of("scripts/vmtool").toAbsolutePath();

    private final Process process;
    private final OutputStream stdin;

    private ManyMappingsProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream(); // it runs until its stdin closes
    }

    static ManyMappingsProcess start(Path dir, int pairs) throws Exception {
        Path binary = dir.resolve("many-mappings");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(),
                Path.of("scripts/many-mappings.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0).as(gccOutput).isTrue();
        ManyMappingsProcess big = new ManyMappingsProcess(new ProcessBuilder(binary.toString(),
                Integer.toString(pairs)).start());
        byte[] ready = big.process.getInputStream().readNBytes("ready\n".length());
        assertThat(new String(ready, StandardCharsets.US_ASCII)).isEqualTo("ready\n");
        return big;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        stdin.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    record Run(int status, String out, String err) {
    }

    /**
     * Runs {@code before} (a command that runs what follows it, or nothing) then the launcher with {@code args},
     * its output into files in {@code dir} (a big output is more than a pipe holds).
     */
    static Run launch(Path dir, List<String> before, String... args) throws Exception {
        List<String> command = new ArrayList<>(before);
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("vmtool %s ended", String.join(" ", args)).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }
}
