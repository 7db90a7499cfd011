package vmtool.jvm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a jcmd against a process: the only code in vmtool that starts another program. The caller chooses the
 * executable ({@link OwnJdk}: never one the target names). Several diagnostic commands go in one run, one JVM start
 * instead of three: written to jcmd's standard input, a pipe, which it reads as its command file
 * ({@code -f /dev/stdin}), so no file is made. jcmd runs with a fixed environment of its own, in {@code /}, and its
 * answer is read from a pipe, at most {@link #MAX_ANSWER_BYTES}. The run is bounded: at the limit, jcmd is killed;
 * and it is killed when vmtool ends first (SIGINT, SIGTERM and SIGHUP run the JVM's shutdown hooks).
 */
public final class Jcmd {
    /**
     * jcmd's own JVM starts quickest with the quick compiler and the serial collector; without its performance
     * data file it also leaves no /tmp/hsperfdata_USER/PID behind when it is killed.
     */
    private static final List<String> QUICK_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Xshare:auto", "-J-XX:-UsePerfData");
    /**
     * jcmd's whole environment: none of vmtool's (root's, say) variables, several of which change what a JVM runs
     * (JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, CLASSPATH, LD_PRELOAD, LD_LIBRARY_PATH); UTF-8 so that jcmd repeats the
     * target's answer as it was sent.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    /**
     * The most of jcmd's answer that is read: a JVM answers the commands in tens of kB, System.map's table taking
     * ~170 bytes a mapping (a JVM of 10,000 threads has ~20,000 mappings: 3.4 MB).
     */
    static final int MAX_ANSWER_BYTES = 16 << 20;
    /** The longest reason taken from jcmd's output for a message. */
    private static final int MAX_REASON_CHARS = 300;

    private final Path executable;
    private final Duration limit;

    /**
     * @param executable the jcmd to run, already checked ({@link OwnJdk#jcmd})
     * @param limit      how long the run may take before jcmd is killed
     */
    public Jcmd(Path executable, Duration limit) {
        this.executable = executable;
        this.limit = limit;
    }

    /**
     * What jcmd printed, and why it failed if it did.
     *
     * @param text    what it printed (stderr with it), as byte text
     * @param failure jcmd's reason for ending with a status other than 0, in a line; null when it did not
     */
    public record Answer(String text, String failure) {
        /** The text, or the failure as an exception. */
        public String textOrThrow() throws JvmUnavailableException {
            if (failure != null) {
                throw new JvmUnavailableException(failure);
            }
            return text;
        }
    }

    /**
     * What jcmd printed for these diagnostic commands, run in this order against process {@code pid}.
     *
     * @throws JvmUnavailableException when jcmd cannot be started, fails (its reason, e.g. attach refused), answers
     *                                 more than {@link #MAX_ANSWER_BYTES}, or does not finish within the limit
     */
    public String run(long pid, List<String> commands) throws JvmUnavailableException {
        return answer(pid, commands).textOrThrow();
    }

    /**
     * What jcmd printed for these diagnostic commands, also when it failed: jcmd stops at the first command that the
     * JVM refuses (one it does not know), after printing the answers to those before it.
     *
     * @throws JvmUnavailableException when jcmd cannot be started, answers more than {@link #MAX_ANSWER_BYTES}, or
     *                                 does not finish within the limit
     */
    public Answer answer(long pid, List<String> commands) throws JvmUnavailableException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(QUICK_START);
        // jcmd gives up attaching (and removes the .attach_pid file it made for the target) before it is killed.
        command.add("-J-Dsun.tools.attach.attachTimeout=" + limit.toMillis() / 2);
        command.add(Long.toString(pid));
        command.add("-f");
        command.add("/dev/stdin");
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        try (Child child = Child.start(builder)) {
            Process process = child.process();
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread watch = new Thread(() -> {
                try {
                    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        child.kill();
                    }
                } catch (InterruptedException e) {
                    // the run ended first
                }
            }, "vmtool-jcmd-limit");
            watch.setDaemon(true);
            watch.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(String.join("\n", commands).concat("\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // jcmd ended before it read its commands: its output says why
            }
            byte[] answer;
            try (InputStream out = process.getInputStream()) {
                answer = out.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            if (answer.length > MAX_ANSWER_BYTES) {
                child.kill();
                throw new JvmUnavailableException("jcmd's answer is longer than " + (MAX_ANSWER_BYTES >> 20)
                        + " MiB, more than a JVM says for these commands: not read");
            }
            int status = process.waitFor();
            watch.interrupt();
            child.awaitShutdownIfStopping();
            if (timedOut.get()) {
                throw new JvmUnavailableException("jcmd did not answer within " + limit.toSeconds() + " s");
            }
            // What the target's JVM answers is byte text, as every text from the target (ByteText).
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            return new Answer(text, status == 0 ? null : reason(text, status));
        } catch (IOException e) {
            throw new JvmUnavailableException("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JvmUnavailableException("interrupted while waiting for jcmd");
        }
    }

    /** jcmd's reason for failing: the message of the last exception it printed, else its first line. */
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
        return "jcmd failed (status " + status + ")"
                + (reason.isEmpty() ? "" : ": " + AnswerText.printable(reason, MAX_REASON_CHARS));
    }

    /**
     * jcmd's process, killed when the run ends in any way. A shutdown hook, there only while jcmd runs, kills it
     * when vmtool itself is ended by a signal: the JVM runs its hooks on SIGINT, SIGTERM and SIGHUP, and exits with
     * 128 + the signal's number, as a shell reports it.
     */
    private static final class Child implements AutoCloseable {
        private final Thread hook = new Thread(this::stop, "vmtool-jcmd-stop");
        /** Set once; the hook takes the lock too, so it never misses a process being started. */
        private Process process;
        private volatile boolean stopping;

        private Child() {
        }

        static Child start(ProcessBuilder builder) throws IOException, JvmUnavailableException {
            Child child = new Child();
            try {
                Runtime.getRuntime().addShutdownHook(child.hook);
            } catch (IllegalStateException e) {
                throw new JvmUnavailableException("vmtool is stopping");
            }
            try {
                synchronized (child) {
                    child.process = builder.start();
                }
            } catch (IOException | RuntimeException e) {
                child.close();
                throw e;
            }
            return child;
        }

        synchronized Process process() {
            return process;
        }

        synchronized void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void stop() {
            stopping = true;
            kill();
        }

        /**
         * When vmtool is being ended by a signal, waits for the JVM to halt rather than go on with a cut-short
         * answer (which would print a misleading line, and output, on the way out).
         */
        void awaitShutdownIfStopping() throws InterruptedException {
            while (stopping) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }

        @Override
        public void close() {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // vmtool is shutting down: the hook is running or has run
            }
        }
    }
}
