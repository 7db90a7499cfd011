package vmtool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import vmtool.DiesWithTheJvm;

/**
 * A tiny JVM for the --jvm tests: says "ready", then waits until its standard input closes. {@link #start} and
 * {@link #stop} are how the tests run it.
 */
public final class SleepingJvm {
    private SleepingJvm() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes the pipe
        }
    }

    /** This class run by {@code java}, in this working directory, after the prefix (e.g. setpriv's); once ready. */
    static Process start(List<String> prefix, Path java, Path workingDirectory) throws IOException {
        return start(prefix, java, workingDirectory, List.of("-Xmx64m"));
    }

    /** This class run by the {@code java} of the JDK at {@code home} with these options, once ready. */
    static Process start(Path home, List<String> options) throws IOException {
        return start(List.of(), home.resolve("bin/java"), Path.of("").toAbsolutePath(), options);
    }

    private static Process start(List<String> prefix, Path java, Path workingDirectory, List<String> options)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(java.toString());
        command.addAll(options);
        command.addAll(List.of("-cp",
                Path.of("target/test-classes").toAbsolutePath().toString(), SleepingJvm.class.getName()));
        Process jvm = DiesWithTheJvm.start(new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true));
        // The JVM's own warnings come first (Epsilon's about pre-touching, large pages that could not be had).
        BufferedReader said = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder before = new StringBuilder();
        for (String line = said.readLine(); line != null && before.length() < 4096; line = said.readLine()) {
            if (line.equals("ready")) {
                return jvm;
            }
            before.append(line).append('\n');
        }
        jvm.destroyForcibly();
        throw new IllegalStateException("the JVM said " + before + "instead of ready: " + command);
    }

    /** The JVM of the JDK at {@code home}, in the current directory. */
    static Process start(Path home) throws IOException {
        return start(List.of(), home.resolve("bin/java"), Path.of("").toAbsolutePath());
    }

    /** Ends it: closes its stdin, then kills it if it has not ended in 10 s. */
    static void stop(Process jvm) throws InterruptedException, IOException {
        jvm.getOutputStream().close();
        if (!jvm.waitFor(10, TimeUnit.SECONDS)) {
            jvm.destroyForcibly().waitFor();
        }
    }
}
