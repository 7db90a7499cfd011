package vmtool.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a JDK's {@code jcmd} against a process: the only code in vmtool that starts another program. Several
 * diagnostic commands go in one run ({@code jcmd PID -f FILE}: one JVM start instead of three). The run is
 * bounded: when it takes longer than the limit, jcmd is killed.
 */
public final class Jcmd {
    /** jcmd's own JVM starts quickest with the quick compiler and the serial collector. */
    private static final List<String> QUICK_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Xshare:auto");

    private final Path executable;
    private final Duration limit;

    /**
     * @param executable the jcmd to run (the target's own JDK's)
     * @param limit      how long the run may take before jcmd is killed
     */
    public Jcmd(Path executable, Duration limit) {
        this.executable = executable;
        this.limit = limit;
    }

    public Path executable() {
        return executable;
    }

    /**
     * What jcmd printed for these diagnostic commands, run in this order against process {@code pid}.
     *
     * @throws JvmUnavailableException when jcmd cannot be started, fails (its reason, e.g. attach refused), or
     *                                 does not finish within the limit
     */
    public String run(long pid, List<String> commands) throws JvmUnavailableException {
        Path commandFile = null;
        Path output = null;
        Process process = null;
        try {
            commandFile = Files.createTempFile("vmtool-jcmd-", ".txt");
            output = Files.createTempFile("vmtool-jcmd-", ".out");
            Files.write(commandFile, String.join("\n", commands).concat("\n").getBytes(StandardCharsets.UTF_8));
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(QUICK_START);
            command.add(Long.toString(pid));
            command.add("-f");
            command.add(commandFile.toString());
            // Output to a file rather than a pipe: nothing to drain while waiting, so no thread.
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new JvmUnavailableException("jcmd did not answer within " + limit.toSeconds() + " s");
            }
            // What the target's JVM answers is byte text, as every text from the target (ByteText).
            String text = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
            if (process.exitValue() != 0) {
                throw new JvmUnavailableException(reason(text, process.exitValue()));
            }
            return text;
        } catch (IOException e) {
            throw new JvmUnavailableException("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            throw new JvmUnavailableException("interrupted while waiting for jcmd");
        } finally {
            delete(commandFile);
            delete(output);
        }
    }

    /** jcmd's reason for failing: the message of the last exception it printed, else its last line. */
    static String reason(String text, int status) {
        String reason = "";
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            int exception = trimmed.indexOf("Exception: ");
            if (exception >= 0 && !trimmed.startsWith("at ")) {
                reason = trimmed.substring(exception + "Exception: ".length());
            } else if (reason.isEmpty() && !trimmed.isEmpty() && !trimmed.startsWith("at ")) {
                reason = trimmed;
            }
        }
        return "jcmd failed (status " + status + ")" + (reason.isEmpty() ? "" : ": " + reason);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; nothing else to do
            }
        }
    }
}
