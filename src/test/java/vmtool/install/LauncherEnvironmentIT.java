package vmtool.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.Unprivileged;

/**
 * scripts/vmtool (this checkout's, with the jar the build made) in the environments users run it in: a working
 * directory they cannot search, no locale, a limit on address space, a crash. Nothing of the JVM's own may reach
 * stdout, and nothing may be left in the user's directory.
 */
class LauncherEnvironmentIT {
    private static final Path LAUNCHER = Path.of("scripts/vmtool").toAbsolutePath();
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();

    private static Path work;
    private static Path saved;

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void saveASmaps() throws Exception {
        work = Files.createTempDirectory("vmtool-launcher-env");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        saved = work.resolve("saved.smaps");
        try (InputStream in = new FileInputStream("/proc/self/smaps")) {
            Files.write(saved, in.readAllBytes());
        }
        Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r--r--"));
        // The first run makes the start-up cache and JNA's copy beside the jar, as root, so that no case below does.
        Result first = run(List.of(LAUNCHER.toString(), "pmap", "--file", saved.toString()), work);
        assertThat(first.status()).as(first.err()).isZero();
    }

    @AfterAll
    static void clean() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A normal user in a directory it may not search (root's home): the launcher must not need to come back to it. */
    @Test
    @Timeout(300)
    void aWorkingDirectoryTheUserCannotSearch() throws Exception {
        Path closed = Files.createTempDirectory(work, "root-only-");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Result run = run(Unprivileged.command(List.of(LAUNCHER.toString(), "pmap", "--file", saved.toString())),
                closed);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(" total ");
    }

    /** Without a locale Java could hold only ASCII names; the launcher gives it UTF-8. */
    @Test
    @Timeout(300)
    void noLocaleAndANonAsciiName() throws Exception {
        Path cafe = work.resolve("caf\u00e9.smaps");
        Files.copy(saved, cafe);
        Result run = run(List.of("bash", "-c", "unset LANG LC_ALL LC_CTYPE; exec \"$0\" pmap -X --file \"$1\"",
                LAUNCHER.toString(), cafe.toString()), work);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith(cafe + ":").contains("[stack]");
    }

    /** Under ulimit -v the JVM cannot start; what it says goes to stderr, and nothing is left behind. */
    @Test
    @Timeout(300)
    void anAddressSpaceLimitLeavesStdoutCleanAndNoFile() throws Exception {
        Path empty = Files.createTempDirectory(work, "ulimit-");
        Result run = run(List.of("bash", "-c", "ulimit -v 300000; exec \"$0\" pmap --file \"$1\"",
                LAUNCHER.toString(), saved.toString()), empty);
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).isNotEmpty();
        try (Stream<Path> left = Files.list(empty)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * A JVM that crashes writes its report to stderr, and no hs_err_pid file into the user's directory. (Its few-line
     * summary goes to stdout whatever the options: HotSpot's own, on JDK 17 and 25.)
     */
    @Test
    @Timeout(300)
    void aCrashWritesItsReportToStderrAndLeavesNoFile() throws Exception {
        Path empty = Files.createTempDirectory(work, "crash-");
        Path outFile = work.resolve("crash.out");
        Path errFile = work.resolve("crash.err");
        // watch runs until stopped; once it has printed its first block, the JVM is up and gets SIGSEGV.
        Result run = run(List.of("bash", "-c", "\"$0\" watch $$ >\"$1\" 2>\"$2\" & p=$!;"
                + " for i in $(seq 300); do [ -s \"$1\" ] && break; sleep 0.1; done;"
                + " kill -SEGV $p; wait $p; echo $?", LAUNCHER.toString(), outFile.toString(), errFile.toString()),
                empty);
        assertThat(run.out().strip()).as("killed by SIGABRT after its report").isEqualTo("134");
        assertThat(Files.readString(errFile)).contains("SIGSEGV").contains("---------------  S U M M A R Y");
        try (Stream<Path> left = Files.list(empty)) {
            assertThat(left).isEmpty();
        }
    }

    private static Result run(List<String> command, Path dir) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        builder.environment().put("PATH", JAVA_BIN + ":" + System.getenv("PATH"));
        Path out = Files.createTempFile(work, "out", "");
        Path err = Files.createTempFile(work, "err", "");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
