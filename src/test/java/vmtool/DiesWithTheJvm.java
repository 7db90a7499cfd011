package vmtool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A helper process that the kernel kills when the test JVM dies, however it dies (SIGKILL, a CI job cancelled
 * mid-test): util-linux's setpriv sets the parent-death signal (prctl PR_SET_PDEATHSIG) and runs the command in the
 * same process. For what neither reads a pipe from the JVM nor ends by itself soon: a busy loop, a long sleep, a
 * JVM. (The C helpers under src/test/c end when their standard input closes, and set the signal in the children
 * they fork.)
 *
 * <p>The kernel sends the signal when the thread that started the process ends: start it from the test's own
 * thread, not from a thread that ends before the test does.
 */
public final class DiesWithTheJvm {
    private DiesWithTheJvm() {
    }

    private static final String SETPRIV = "/usr/bin/setpriv";

    /** The setpriv arguments that set the signal, to stand before a command (or before other setpriv options). */
    public static final List<String> PREFIX = List.of(SETPRIV, "--pdeathsig", "KILL");

    /** {@code command}, run so that it dies with this JVM. */
    public static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(PREFIX);
        full.add("--");
        full.addAll(command);
        return full;
    }

    /** {@code command}, run so that it dies with this JVM. */
    public static List<String> command(String... command) {
        return command(List.of(command));
    }

    /**
     * Starts the builder's command so that it dies with this JVM, and returns once setpriv has run it: from then on
     * the pid's /proc is the command's (its executable, its mappings), as without setpriv.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        builder.command(command(builder.command()));
        Process process = builder.start();
        Path exe = Path.of("/proc", Long.toString(process.pid()), "exe");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (process.isAlive() && runsSetpriv(exe)) {
                if (System.nanoTime() > end) {
                    process.destroyForcibly();
                    throw new IllegalStateException("setpriv did not run " + builder.command() + " in 30 s");
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process;
    }

    private static boolean runsSetpriv(Path exe) {
        try {
            return Files.readSymbolicLink(exe).toString().equals(SETPRIV);
        } catch (IOException e) {
            return false; // it has ended (the caller sees that)
        }
    }
}
