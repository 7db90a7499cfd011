package vmtool.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install and the release tarball, on what 'mvn package' made (run by failsafe, after package):
 * an install puts every file in place and runs; an uninstall removes exactly those files and nothing else.
 */
class InstallIT {
    private static final Path BUILD = Path.of(System.getProperty("vmtool.buildDir", "target")).toAbsolutePath();
    private static final String VERSION = System.getProperty("vmtool.version", "unknown");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static final List<String> INSTALLED = List.of(
            "bin/vmtool",
            "lib/vmtool/vmtool.jar",
            "lib/vmtool/install-manifest",
            "share/man/man1/vmtool.1",
            "share/man/man1/vmtool-pmap.1",
            "share/man/man1/vmtool-touch.1",
            "share/man/man1/vmtool-anatomy.1",
            "share/man/man1/vmtool-where.1",
            "share/man/man1/vmtool-map.1",
            "share/bash-completion/completions/vmtool");

    record Result(int status, String out, String err) {
    }

    @Test
    void installsEveryFileAndUninstallsExactlyThem(@TempDir Path prefix) throws Exception {
        // What was there before must survive: a file beside ours, and the directories it lives in.
        Files.createDirectories(prefix.resolve("bin"));
        Files.createDirectories(prefix.resolve("share/man/man1"));
        Files.writeString(prefix.resolve("bin/other-tool"), "keep me\n");
        Files.writeString(prefix.resolve("share/man/man1/other-tool.1"), "keep me\n");
        List<Path> before = tree(prefix);

        Result install = run(List.of(ROOT.resolve("scripts/install").toString(), prefix.toString()));

        assertThat(install.status()).as(install.err()).isZero();
        assertThat(install.err()).isEmpty();
        for (String file : INSTALLED) {
            assertThat(prefix.resolve(file)).isRegularFile();
        }
        assertThat(prefix.resolve("bin/vmtool")).isExecutable();
        assertThat(prefix.resolve("lib/vmtool/vmtool.jar")).hasSameBinaryContentAs(BUILD.resolve("vmtool.jar"));
        assertThat(Files.readString(prefix.resolve("lib/vmtool/install-manifest")))
                .contains("file bin/vmtool\n", "file share/man/man1/vmtool-pmap.1\n", "dir lib/vmtool\n")
                .doesNotContain("dir bin\n", "dir share/man/man1\n", "other-tool");

        // The installer ran the launcher once: its start-up caches are there, and go with the uninstall below.
        // One cache, for the JDK that ran the installer: a class-data archive (JDK 17-23) or an AOT cache (24 on).
        try (var caches = Files.list(prefix.resolve("lib/vmtool/vmtool-cache"))) {
            assertThat(caches.map(path -> path.getFileName().toString()))
                    .singleElement().asString().matches("jdk-[A-Za-z0-9._+-]+\\.(jsa|aot)");
        }
        assertThat(prefix.resolve("lib/vmtool/vmtool-jna/libjnidispatch.so")).isRegularFile();

        Result version = run(List.of(prefix.resolve("bin/vmtool").toString(), "--version"));
        assertThat(version.status()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("vmtool " + VERSION + "\n");

        Result again = run(List.of(ROOT.resolve("scripts/install").toString(), prefix.toString()));
        assertThat(again.status()).as(again.err()).isZero();

        Result uninstall = run(List.of(ROOT.resolve("scripts/install").toString(), "--uninstall", prefix.toString()));

        assertThat(uninstall.status()).as(uninstall.err()).isZero();
        assertThat(tree(prefix)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(prefix.resolve("bin/other-tool")).hasContent("keep me");
    }

    @Test
    void badUsageIsOneLineAndHelpIsHelp(@TempDir Path prefix) {
        String script = ROOT.resolve("scripts/install").toString();

        Result help = run(List.of(script, "--help"));
        Result bogus = run(List.of(script, "--bogus"));
        Result nothing = run(List.of(script, "--uninstall", prefix.toString()));

        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: install [PREFIX]");
        for (Result bad : List.of(bogus, nothing)) {
            assertThat(bad.status()).isEqualTo(1);
            assertThat(bad.err().lines()).singleElement().asString().startsWith("vmtool install: ");
        }
    }

    @Test
    void releaseTarballHoldsAPrefixThatRunsAndInstalls(@TempDir Path dir) throws Exception {
        Path tarball = BUILD.resolve("vmtool-" + VERSION + ".tar.gz");
        assertThat(tarball).isRegularFile();

        Result list = run(List.of("tar", "-tzf", tarball.toString()));
        assertThat(list.out().lines().filter(name -> !name.endsWith("/")).map(name -> name.substring(name.indexOf('/') + 1)))
                .contains("README.md", "LICENSE", "install", "bin/vmtool", "lib/vmtool/vmtool.jar",
                        "share/man/man1/vmtool.1", "share/man/man1/vmtool-pmap.1", "share/man/man1/vmtool-touch.1",
                        "share/man/man1/vmtool-anatomy.1",
            "share/man/man1/vmtool-where.1",
            "share/man/man1/vmtool-map.1",
                        "share/bash-completion/completions/vmtool");

        assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString())).status()).isZero();
        Path release = dir.resolve("vmtool-" + VERSION);
        assertThat(release.resolve("bin/vmtool")).isExecutable();
        assertThat(release.resolve("install")).isExecutable();
        Result version = run(List.of(release.resolve("bin/vmtool").toString(), "--version"));
        assertThat(version.out()).as(version.err()).isEqualTo("vmtool " + VERSION + "\n");

        Path prefix = dir.resolve("prefix");
        Result install = run(List.of(release.resolve("install").toString(), prefix.toString()));
        assertThat(install.status()).as(install.err()).isZero();
        for (String file : INSTALLED) {
            assertThat(prefix.resolve(file)).isRegularFile();
        }
        Result uninstall = run(List.of(release.resolve("install").toString(), "--uninstall", prefix.toString()));
        assertThat(uninstall.status()).as(uninstall.err()).isZero();
        assertThat(prefix).isEmptyDirectory();
    }

    private static Result run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.put("VMTOOL_BUILD_DIR", BUILD.toString());
            env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", ""));
            Path out = Files.createTempFile("vmtool-it", ".out");
            Path err = Files.createTempFile("vmtool-it", ".err");
            try {
                Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                int status = process.waitFor();
                return new Result(status, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return new ArrayList<>(paths.map(root::relativize).toList());
        }
    }
}
