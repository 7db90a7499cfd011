package vmtool.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/vmtool as a new user meets it: on a fresh {@code git clone} of this checkout (no jar yet), on the JDK that
 * runs the tests. One clone is built once, by five launches started at once; the other cases reuse that build.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final int LAUNCHES = 5;

    private static Path work;
    private static Path clone;
    private static final List<Result> firstRuns = new ArrayList<>();

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void cloneAndLaunchFiveAtOnce() throws Exception {
        work = Files.createTempDirectory("vmtool-launcher-it");
        // Readable by the unprivileged user of the read-only case.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        clone = gitClone("clone");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            processes.add(start(List.of(clone.resolve("scripts/vmtool").toString(), "pmap", PID), Map.of(), i));
        }
        for (int i = 0; i < LAUNCHES; i++) {
            firstRuns.add(finish(processes.get(i), i));
        }
    }

    @AfterAll
    static void removeTheClones() {
        if (work != null) {
            deleteTree(work);
        }
    }

    @Test
    void fiveFirstRunsAtOnceAllSucceedAndBuildOnce() throws Exception {
        int building = 0;
        for (Result run : firstRuns) {
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith(PID + ":");
            for (String line : run.err().lines().toList()) {
                assertThat(line).as("every stderr line is the launcher's own")
                        .startsWith("vmtool: building " + clone.resolve("target/vmtool.jar"));
                building++;
            }
        }
        assertThat(building).as("one launch builds; the others wait for it").isEqualTo(1);
        Path target = clone.resolve("target");
        assertThat(target.resolve("vmtool.jar")).isRegularFile();
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no private build directory or log left behind")
                    .noneMatch(name -> name.startsWith("launcher-build"));
        }
        try (Stream<Path> caches = Files.list(target.resolve("vmtool-cache"))) {
            assertThat(caches.map(path -> path.getFileName().toString())).as("one cache, whole")
                    .singleElement().asString().matches("jdk-[A-Za-z0-9._+-]+\\.(jsa|aot)");
        }
        Result again = run(List.of(clone.resolve("scripts/vmtool").toString(), "pmap", PID), Map.of());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.err()).isEmpty();
    }

    @Test
    void noTmpdirIsNeededToMakeTheCaches() throws Exception {
        deleteTree(clone.resolve("target/vmtool-cache"));
        deleteTree(clone.resolve("target/vmtool-jna"));
        Result run = run(List.of(clone.resolve("scripts/vmtool").toString(), "pmap", PID),
                Map.of("TMPDIR", work.resolve("no-such-dir").toString()));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith(PID + ":");
        assertThat(clone.resolve("target/vmtool-jna/libjnidispatch.so")).isRegularFile();
        try (Stream<Path> caches = Files.list(clone.resolve("target/vmtool-cache"))) {
            assertThat(caches).hasSize(1);
        }
    }

    /**
     * The start-up cache's training run covers what users run: each of these commands finds every vmtool class in
     * the cache and opens the jar for none (opening it costs a few ms). The test JVM is the target: its smaps is
     * large enough to be read ahead on a second thread, which a small process's is not.
     */
    @Test
    void theCacheHoldsTheClassesOfEachTrainedCommand() throws Exception {
        Path log = work.resolve("class-load.log");
        String vmtool = clone.resolve("scripts/vmtool").toString();
        Result warm = run(List.of(vmtool, "pmap", PID), Map.of());
        assertThat(warm.status()).as(warm.err()).isZero();
        for (List<String> command : List.of(List.of("pmap", "-X", PID), List.of("pmap", "-x", PID),
                List.of("pmap", "-d", PID), List.of("pmap", PID), List.of("anatomy", PID),
                List.of("where", PID, "0x1000"), List.of("pmap", "4194304"), List.of("anatomy", "4194304"))) {
            List<String> line = new ArrayList<>(List.of(vmtool));
            line.addAll(command);
            Result result = run(line, Map.of("VMTOOL_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log));
            assertThat(result.err()).as(String.join(" ", command)).doesNotContain("Exception", "WARNING");
            List<String> loads = Files.readAllLines(log);
            assertThat(loads).as("classes loaded by %s", command).anyMatch(load -> load.contains(" vmtool.Main "));
            assertThat(loads).as("classes %s loaded from the jar, not the cache", command)
                    .noneMatch(load -> load.contains("source: file:") || load.contains("source: jar:"));
            Files.delete(log);
        }
    }

    @Test
    void aReadOnlyCheckoutWithoutAJarSaysSoInOneLine() throws Exception {
        // Root may write anywhere, so the checkout is run by an unprivileged user (the tests run as root in CI).
        assumeTrue(System.getProperty("user.name").equals("root"), "needs root, to run the launcher as nobody");
        Path readOnly = gitClone("read-only");
        Result run = run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                readOnly.resolve("scripts/vmtool").toString(), "pmap", "1"), Map.of("HOME", work.toString()));
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("vmtool: cannot build: " + readOnly.resolve("target")
                + " is not writable and there is no jar yet; build where you can write ('mvn package'), or install"
                + " vmtool (scripts/install)\n");
        assertThat(readOnly.resolve("target")).doesNotExist();
    }

    @Test
    void aCacheThatCannotBeMadeIsSaidOnceAndNotTriedAgain() throws Exception {
        // A JDK whose java cannot dump a cache: a copy of this JDK's release file, and a java that refuses the
        // dumping options and runs the real java otherwise. It logs each call, to see whether a run tries again.
        Path jdk = work.resolve("jdk-that-cannot-dump");
        Files.createDirectories(jdk.resolve("bin"));
        Files.copy(Path.of(System.getProperty("java.home"), "release"), jdk.resolve("release"));
        Path calls = work.resolve("java-calls");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n"
                + "echo \"$*\" >>'" + calls + "'\n"
                + "case \"$*\" in *-Xshare:dump*|*AOTMode=create*) echo 'Error: no space for the archive' >&2; exit 1;; esac\n"
                + "exec '" + JAVA_BIN + "/java' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH"));
        Path caches = clone.resolve("target/vmtool-cache");
        deleteTree(caches);
        try {
            cannotMakeTheCache(env, calls);
        } finally {
            // The marker names this JDK's build, which the other cases use for real.
            deleteTree(caches);
        }
    }

    private static void cannotMakeTheCache(Map<String, String> env, Path calls) throws Exception {

        Result first = run(List.of(clone.resolve("scripts/vmtool").toString(), "pmap", PID), env);
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).startsWith(PID + ":");
        assertThat(first.err()).startsWith("vmtool: could not make the start-up cache for JDK ")
                .contains("(Error: no space for the archive)", "start is slower").hasLineCount(1);
        assertThat(Files.readString(calls)).containsAnyOf("-Xshare:dump", "AOTMode=create");

        Files.delete(calls);
        Result second = run(List.of(clone.resolve("scripts/vmtool").toString(), "pmap", PID), env);
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(Files.readAllLines(calls)).as("only the run itself, no new attempt").hasSize(1);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path gitClone(String name) throws IOException, InterruptedException {
        Path dir = work.resolve(name);
        Result clone = run(List.of("git", "clone", "--quiet", ROOT.toString(), dir.toString()), Map.of());
        assertThat(clone.status()).as(clone.err()).isZero();
        return dir;
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        return finish(start(command, env, LAUNCHES), LAUNCHES);
    }

    private static Process start(List<String> command, Map<String, String> env, int n) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", JAVA_BIN + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(work.resolve(n + ".out").toFile()).redirectError(work.resolve(n + ".err").toFile())
                .start();
    }

    private static Result finish(Process process, int n) throws IOException, InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        Path out = work.resolve(n + ".out");
        Path err = work.resolve(n + ".err");
        Result result = new Result(process.waitFor(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
