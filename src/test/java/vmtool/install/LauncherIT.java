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
import org.junit.jupiter.api.Timeout;

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
            List<String> lines = run.err().lines().toList();
            if (lines.isEmpty()) {
                continue;
            }
            building++;
            assertThat(lines.get(0)).startsWith("vmtool: building " + clone.resolve("target/vmtool.jar") + " (");
            // Then Maven's progress: a line per plugin goal, with the seconds since the build began.
            assertThat(lines.subList(1, lines.size())).as("every other stderr line is a step of the build")
                    .allMatch(line -> line.matches("vmtool: build, \\d+ s: [a-z-]+:[A-Za-z-]+ \\([A-Za-z-]+\\)"))
                    .anyMatch(line -> line.endsWith(" s: compiler:compile (default-compile)"))
                    .anyMatch(line -> line.endsWith(" s: shade:shade (default)"));
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
            // java-link is there when java on PATH is a symbolic link (theTargetOfJavasLinkIsRememberedWhileItHolds);
            // the live-reading commands' and the others' caches when a test before this one ran such commands.
            assertThat(caches.map(path -> path.getFileName().toString()).filter(name -> !name.equals("java-link")))
                    .as("pmap's cache, whole, and no part of another").isNotEmpty().hasSizeLessThanOrEqualTo(3)
                    .allMatch(name -> name.matches("jdk-[A-Za-z0-9._+-]+\\.(jsa|aot)"))
                    .anyMatch(name -> name.matches("jdk-[A-Za-z0-9._+-]+-pmap\\.(jsa|aot)"));
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
            assertThat(caches.filter(path -> !path.endsWith("java-link"))).hasSize(1);
        }
    }

    /**
     * The start-up caches' training runs cover what users run: each of these commands finds every vmtool class in
     * its cache (pmap's; the live-reading commands', with JNA's classes; the others') and opens the jar for none
     * (opening it costs a few ms). The test JVM is the target: its smaps is large enough to be read ahead on a
     * second thread, which a small process's is not.
     */
    @Test
    void theCacheHoldsTheClassesOfEachTrainedCommand() throws Exception {
        Path log = work.resolve("class-load.log");
        String vmtool = clone.resolve("scripts/vmtool").toString();
        Result warm = run(List.of(vmtool, "pmap", PID), Map.of());
        assertThat(warm.status()).as(warm.err()).isZero();
        String smaps = "/proc/" + PID + "/smaps";
        for (List<String> command : List.of(List.of("pmap", "-X", PID), List.of("pmap", "-x", PID),
                List.of("pmap", "-d", PID), List.of("pmap", PID), List.of("anatomy", PID),
                List.of("where", PID, "0x1000"), List.of("pages", PID), List.of("where", "--physical", PID, "0x1000"),
                List.of("anatomy", "--file", smaps), List.of("where", "--file", smaps, "0x1000"),
                List.of("pmap", "4194304"), List.of("anatomy", "4194304"))) {
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

    /**
     * The command line the launcher builds, seen by a java that only records its arguments: from an installed copy
     * whose path has blanks and pattern characters, started through a symbolic link from another directory. The
     * user's JVM options come after vmtool's, split at blanks and never expanded as file patterns; the user's
     * arguments arrive as given.
     */
    @Test
    void theJavaCommandLineKeepsEveryWordAsGiven() throws Exception {
        Path prefix = installedLayout("my tools [1]");
        Path words = work.resolve("java-words");
        Path jdk = recordingJdk("recording jdk", "JAVA_VERSION=\"25.0.1\"\n", words);
        Path link = work.resolve("links/vmtool");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, prefix.resolve("bin/vmtool"));
        // A file that the unexpanded pattern would match, in the directory vmtool is started from.
        Files.writeString(work.resolve("-Dvmtool.test=expanded"), "");

        Result run = run(List.of("sh", "-c", "cd \"$1\" && exec \"$2\" pmap 'a b' '*'", "sh", work.toString(),
                link.toString()), Map.of("PATH", jdk.resolve("bin") + ":/usr/bin:/bin",
                        "VMTOOL_JAVA_OPTIONS", " -Xmx64m\t -Dvmtool.test=* "));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> java = Files.readAllLines(words);
        assertThat(java).startsWith("-XX:-UsePerfData").contains("--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:TieredStopAtLevel=1", "-Xmx48m");
        assertThat(java.subList(java.indexOf("-Xmx48m"), java.size())).endsWith("-Xmx64m", "-Dvmtool.test=*", "-cp",
                prefix.resolve("lib/vmtool/vmtool.jar").toString(), "vmtool.Main", "pmap", "a b", "*");
    }

    /**
     * java on PATH through a symbolic link (Debian's /usr/bin/java): readlink finds its target on the first run, which
     * the launcher remembers beside the jar; later runs use it, with no readlink, while the link leads to the same
     * file. When it leads elsewhere (another JDK chosen), or the remembered target is some other file, readlink
     * decides again, and the JDK the link leads to is the one that runs.
     */
    @Test
    void theTargetOfJavasLinkIsRememberedWhileItHolds() throws Exception {
        Path prefix = installedLayout("linked-java");
        Path words = work.resolve("linked-java-words");
        // Told apart by their options: JDK 21 takes no --enable-native-access from the launcher, JDK 25 does.
        Path jdk21 = recordingJdk("linked jdk 21", "JAVA_VERSION=\"21.0.1\"\n", words);
        Path jdk25 = recordingJdk("linked jdk 25", "JAVA_VERSION=\"25.0.1\"\n", words);
        // The directory on PATH: java, a link, and a readlink that notes each call before it runs the real one.
        Path onPath = work.resolve("linked-java-path");
        Files.createDirectories(onPath);
        Path calls = work.resolve("readlink-calls");
        Path readlink = onPath.resolve("readlink");
        Files.writeString(readlink, "#!/bin/sh\necho \"$*\" >>'" + calls + "'\nexec /usr/bin/readlink \"$@\"\n");
        Files.setPosixFilePermissions(readlink, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = onPath.resolve("java");
        Files.createSymbolicLink(java, jdk21.resolve("bin/java"));
        Map<String, String> env = Map.of("PATH", onPath + ":/usr/bin:/bin");
        List<String> vmtool = List.of(prefix.resolve("bin/vmtool").toString(), "pmap", PID);
        Path remembered = prefix.resolve("lib/vmtool/vmtool-cache/java-link");

        assertThat(launch(vmtool, env, words)).doesNotContain("--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(Files.readAllLines(remembered)).containsExactly(java.toString(),
                jdk21.resolve("bin/java").toRealPath().toString());
        assertThat(launch(vmtool, env, words)).doesNotContain("--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readAllLines(calls)).as("the second run uses what the first found").hasSize(1);

        Files.delete(java);
        Files.createSymbolicLink(java, jdk25.resolve("bin/java"));
        assertThat(launch(vmtool, env, words)).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readAllLines(calls)).as("the link leads elsewhere: found again").hasSize(2);
        assertThat(launch(vmtool, env, words)).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readAllLines(calls)).hasSize(2);

        // Remembered, but not the file the link leads to: not used.
        Files.writeString(remembered, java + "\n" + jdk21.resolve("bin/java").toRealPath() + "\n");
        assertThat(launch(vmtool, env, words)).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(Files.readAllLines(calls)).hasSize(3);
    }

    /** Runs a launcher whose java is a recording one, and returns the words that java was given. */
    private static List<String> launch(List<String> command, Map<String, String> env, Path words) throws Exception {
        Files.deleteIfExists(words);
        Result run = run(command, env);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return Files.readAllLines(words);
    }

    @Test
    void noJavaOrAJavaOlderThan17IsOneLine() throws Exception {
        String vmtool = clone.resolve("scripts/vmtool").toString();
        Result none = run(List.of(vmtool, "pmap", PID), Map.of("PATH", work.resolve("no-such-dir").toString()));
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("vmtool: java is not on PATH; install JDK 17 (apt-get install"
                + " openjdk-17-jdk-headless) and run again\n");
        for (String version : List.of("11.0.2", "1.8.0_402")) {
            Path jdk = recordingJdk("jdk-" + version, "JAVA_VERSION=\"" + version + "\"\n", work.resolve("unused"));
            Result old = run(List.of(vmtool, "pmap", PID), Map.of("PATH", jdk.resolve("bin") + ":/usr/bin:/bin"));
            assertThat(old.status()).as(version).isEqualTo(2);
            assertThat(old.out()).isEmpty();
            assertThat(old.err()).isEqualTo("vmtool: " + jdk.resolve("bin/java") + " is an older Java than 17;"
                    + " install JDK 17 or later (apt-get install openjdk-17-jdk-headless)\n");
        }
    }

    /**
     * An edited source, Java or not, at any depth, makes the next run build first. The build is a stand-in mvn that
     * puts a copy of the built jar where the launcher asked for it: what is tested is the launcher's test of the
     * sources, and that it takes the new jar and makes the start-up cache again.
     */
    @Test
    void anEditedSourceIsBuiltAgainBeforeTheRun() throws Exception {
        Path jar = clone.resolve("target/vmtool.jar");
        Path built = work.resolve("built.jar");
        Files.copy(jar, built, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path bin = work.resolve("stand-in-maven");
        Files.createDirectories(bin);
        Path mvn = bin.resolve("mvn");
        Path calls = work.resolve("mvn-calls");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "echo \"$*\" >>'" + calls + "'\n"
                + "for word; do case $word in -Dvmtool.buildDir=*) exec cp '" + built + "' \"${word#*=}/vmtool.jar\";;"
                + " esac; done\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":" + JAVA_BIN + ":" + System.getenv("PATH"));
        String vmtool = clone.resolve("scripts/vmtool").toString();
        for (String source : List.of("src/main/java/vmtool/pmap/Pmap.java", "src/main/resources/vmtool/map/map.html")) {
            Path edited = clone.resolve(source);
            assertThat(edited).isRegularFile();
            Files.setLastModifiedTime(edited, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(jar).toMillis() + 1));
            Result run = run(List.of(vmtool, "pmap", PID), env);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith(PID + ":");
            assertThat(run.err()).as(source).startsWith("vmtool: building " + jar).hasLineCount(1);
            assertThat(Files.readAllLines(calls)).as(source).hasSize(1).first().asString()
                    .contains("package", "-Pjar-only");
            Files.delete(calls);
            assertThat(Files.getLastModifiedTime(jar)).isGreaterThan(Files.getLastModifiedTime(edited));
            try (Stream<Path> caches = Files.list(clone.resolve("target/vmtool-cache"))) {
                assertThat(caches).as("the start-up cache made again for the new jar").hasSize(1);
            }
            Result again = run(List.of(vmtool, "pmap", PID), env);
            assertThat(again.err()).isEmpty();
            assertThat(calls).as("nothing newer than the jar now").doesNotExist();
        }
    }

    /**
     * A launcher killed mid-build, by SIGTERM or SIGINT (Ctrl-C), leaves no build directory and no process behind,
     * and ends with 128 + the signal's number. The build is a slow stand-in mvn that has started a child of its own,
     * as Maven's forks are; it writes one line of Maven's progress, which the launcher shows. A build directory that
     * an earlier launcher killed by SIGKILL left (no trap runs then) is removed by the next build.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aLauncherKilledMidBuildLeavesNothingBehind() throws Exception {
        Path fresh = gitClone("killed-mid-build");
        Path leftover = fresh.resolve("target/launcher-build.2147483647");
        Path bin = work.resolve("slow-maven");
        Files.createDirectories(bin);
        Path pids = work.resolve("slow-maven-pids");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n"
                + "sleep 300 &\n"
                + "echo \"$$ $!\" >'" + pids + "'\n"
                + "echo '[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ vmtool ---'\n"
                + "wait\n");
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":" + JAVA_BIN + ":" + System.getenv("PATH"));
        for (String signal : List.of("TERM", "INT")) {
            Files.createDirectories(leftover);
            Files.writeString(leftover.resolve("vmtool.jar"), "half a jar");
            Files.deleteIfExists(pids);
            // As from a terminal: SIGINT not ignored, whatever this JVM inherited (a shell ignores it for the
            // commands it starts in the background, and an ignored signal cannot be trapped).
            Process launcher = start(List.of("env", "--default-signal=INT", fresh.resolve("scripts/vmtool").toString(),
                    "pmap", PID), env, LAUNCHES);
            Path err = work.resolve(LAUNCHES + ".err");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!(Files.exists(pids) && Files.readString(err).contains("vmtool: build, "))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(err)).as(signal).contains("s: compiler:compile (default-compile)\n");
            assertThat(leftover).as("a killed launcher's build directory, removed by the next build").doesNotExist();
            List<ProcessHandle> started = launcher.descendants().toList();
            List<Long> maven = Stream.of(Files.readString(pids).trim().split(" ")).map(Long::valueOf).toList();
            assertThat(started.stream().map(ProcessHandle::pid)).as("mvn and its child run under the launcher")
                    .containsAll(maven);

            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).start().waitFor())
                    .isZero();
            Result result = finish(launcher, LAUNCHES);
            assertThat(result.status()).as(result.err()).isEqualTo(signal.equals("TERM") ? 143 : 130);
            try (Stream<Path> files = Files.list(fresh.resolve("target"))) {
                assertThat(files.map(path -> path.getFileName().toString())).as(signal)
                        .noneMatch(name -> name.startsWith("launcher-build")).doesNotContain("vmtool.jar");
            }
            for (ProcessHandle process : started) {
                assertThat(endsWithin(process, 10)).as("%s: %s is left running", signal, process.info()).isTrue();
            }
        }
    }

    /** Whether a process has ended (or is a zombie, which runs nothing) within some seconds. */
    private static boolean endsWithin(ProcessHandle process, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        while (System.nanoTime() < deadline) {
            String state;
            try {
                String text = Files.readString(stat);
                state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
            } catch (IOException gone) {
                return true;
            }
            if (state.equals("Z") || !process.isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** An installed copy's layout under {@code name}: the launcher in bin/, and a jar only a recording java runs. */
    private static Path installedLayout(String name) throws IOException {
        Path prefix = work.resolve(name);
        Files.createDirectories(prefix.resolve("bin"));
        Files.createDirectories(prefix.resolve("lib/vmtool"));
        Files.copy(clone.resolve("scripts/vmtool"), prefix.resolve("bin/vmtool"));
        Files.writeString(prefix.resolve("lib/vmtool/vmtool.jar"), "not read by the recording java");
        return prefix;
    }

    /** A JDK of one release file whose java writes its arguments, a line each, to WORDS when it is to run vmtool. */
    private static Path recordingJdk(String name, String release, Path words) throws IOException {
        Path jdk = work.resolve(name);
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), release);
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n"
                + "case \" $* \" in *' vmtool.Main '*) printf '%s\\n' \"$@\" >'" + words + "';; esac\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
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
