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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import vmtool.DiesWithTheJvm;

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
            "share/man/man1/vmtool-watch.1",
            "share/man/man1/vmtool-diff.1",
            "share/man/man1/vmtool-pages.1",
            "share/man/man1/vmtool-ps.1",
            "share/man/man1/vmtool-share.1",
            "share/bash-completion/completions/vmtool",
            "share/doc/vmtool/json.md",
            "share/doc/vmtool/anatomy.md",
            "share/doc/vmtool/map.md",
            "share/doc/vmtool/watch-diff.md",
            "share/doc/vmtool/pages.md",
            "share/doc/vmtool/ps.md");
    /** A document as the man pages, --help and the installed man pages name it. */
    private static final Pattern DOC =
            Pattern.compile("([A-Za-z0-9/._+-]*)(share/doc/vmtool/|docs/)([A-Za-z0-9-]+\\.md)");

    record Result(int status, String out, String err) {
    }

    @Test
    void installsEveryFileAndUninstallsExactlyThem(@TempDir Path prefix, @TempDir Path etc) throws Exception {
        // What was there before must survive: a file beside ours, and the directories it lives in.
        Files.createDirectories(prefix.resolve("bin"));
        Files.createDirectories(prefix.resolve("share/man/man1"));
        Files.writeString(prefix.resolve("bin/other-tool"), "keep me\n");
        Files.writeString(prefix.resolve("share/man/man1/other-tool.1"), "keep me\n");
        List<Path> before = tree(prefix);
        // A start-up file of the user's, its last line without a newline.
        Path bashrc = etc.resolve("bash.bashrc");
        Files.writeString(bashrc, "alias ll='ls -l'");

        Result install = run(List.of(ROOT.resolve("scripts/install").toString(), "--bashrc", bashrc.toString(),
                prefix.toString()));

        assertThat(install.status()).as(install.err()).isZero();
        assertThat(install.err()).isEmpty();
        assertThat(install.out()).contains("added 2 lines to " + bashrc);
        String completion = prefix.resolve("share/bash-completion/completions/vmtool").toString();
        assertThat(Files.readString(bashrc)).isEqualTo("alias ll='ls -l'\n# vmtool's bash completion (added by"
                + " vmtool's install; 'install --uninstall " + prefix + "' removes these lines)\n"
                + "if [ -r " + completion + " ]; then . " + completion + "; fi\n");
        assertManPagesNameInstalledDocs(prefix);
        for (String file : INSTALLED) {
            assertThat(prefix.resolve(file)).isRegularFile();
        }
        assertThat(prefix.resolve("bin/vmtool")).isExecutable();
        assertThat(prefix.resolve("lib/vmtool/vmtool.jar")).hasSameBinaryContentAs(BUILD.resolve("vmtool.jar"));
        assertThat(Files.readString(prefix.resolve("lib/vmtool/install-manifest")))
                .contains("file bin/vmtool\n", "file share/man/man1/vmtool-pmap.1\n", "dir lib/vmtool\n")
                .doesNotContain("dir bin\n", "dir share/man/man1\n", "other-tool");

        // The installer ran the launcher: its start-up caches are there, and go with the uninstall below. Three, for
        // the JDK that ran the installer, pmap's, the live-reading commands' and the others': class-data archives
        // (JDK 17-23) or AOT caches (24 on).
        try (var caches = Files.list(prefix.resolve("lib/vmtool/vmtool-cache"))) {
            assertThat(caches.map(path -> path.getFileName().toString()).filter(name -> !name.equals("java-link")))
                    .hasSize(3).allMatch(name -> name.matches("jdk-[A-Za-z0-9._+-]+\\.(jsa|aot)"))
                    .anyMatch(name -> name.matches("jdk-[A-Za-z0-9._+-]+-pmap\\.(jsa|aot)"))
                    .anyMatch(name -> name.matches("jdk-[A-Za-z0-9._+-]+-native\\.(jsa|aot)"));
        }
        assertThat(prefix.resolve("lib/vmtool/vmtool-jna/libjnidispatch.so")).isRegularFile();

        Result version = run(List.of(prefix.resolve("bin/vmtool").toString(), "--version"));
        assertThat(version.status()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("vmtool " + VERSION + "\n");

        Result again = run(List.of(ROOT.resolve("scripts/install").toString(), "--bashrc", bashrc.toString(),
                prefix.toString()));
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains(bashrc + " loads it already");

        Result uninstall = run(List.of(ROOT.resolve("scripts/install").toString(), "--uninstall", prefix.toString()));

        assertThat(uninstall.status()).as(uninstall.err()).isZero();
        assertThat(uninstall.out()).contains("removed the completion lines from " + bashrc);
        assertThat(tree(prefix)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(prefix.resolve("bin/other-tool")).hasContent("keep me");
        assertThat(bashrc).hasContent("alias ll='ls -l'\n");
    }

    /** Installed, every document a man page names is at the path it names, under PREFIX/share/doc/vmtool. */
    private static void assertManPagesNameInstalledDocs(Path prefix) throws IOException {
        int named = 0;
        try (Stream<Path> pages = Files.list(prefix.resolve("share/man/man1"))) {
            for (Path page : pages.filter(path -> path.getFileName().toString().startsWith("vmtool")).toList()) {
                String text = Files.readString(page).replace("\\-", "-");
                Matcher doc = DOC.matcher(text);
                while (doc.find()) {
                    assertThat(doc.group(1) + doc.group(2)).as("%s names %s", page, doc.group())
                            .isEqualTo(prefix.resolve("share/doc/vmtool") + "/");
                    assertThat(prefix.resolve("share/doc/vmtool").resolve(doc.group(3))).isRegularFile();
                    named++;
                }
            }
        }
        assertThat(named).as("documents the man pages name").isGreaterThanOrEqualTo(4);
    }

    @Test
    void badUsageIsOneLineAndHelpIsHelp(@TempDir Path prefix) {
        String script = ROOT.resolve("scripts/install").toString();

        Result help = run(List.of(script, "--help"));
        Result bogus = run(List.of(script, "--bogus"));
        Result nothing = run(List.of(script, "--uninstall", prefix.toString()));

        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: install [--bashrc FILE|none] [PREFIX]");
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
        List<String> files = list.out().lines().filter(name -> !name.endsWith("/"))
                .map(name -> name.substring(name.indexOf('/') + 1)).toList();
        assertThat(files).contains("README.md", "LICENSE", "install", "bin/vmtool", "lib/vmtool/vmtool.jar",
                "share/man/man1/vmtool.1", "share/man/man1/vmtool-pmap.1", "share/man/man1/vmtool-touch.1",
                "share/man/man1/vmtool-anatomy.1", "share/man/man1/vmtool-where.1", "share/man/man1/vmtool-map.1",
                "share/man/man1/vmtool-pages.1", "share/man/man1/vmtool-ps.1", "share/man/man1/vmtool-share.1",
                "share/bash-completion/completions/vmtool", "share/doc/vmtool/json.md");

        assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString())).status()).isZero();
        Path release = dir.resolve("vmtool-" + VERSION);
        assertThat(release.resolve("bin/vmtool")).isExecutable();
        assertThat(release.resolve("install")).isExecutable();
        Result version = run(List.of(release.resolve("bin/vmtool").toString(), "--version"));
        assertThat(version.out()).as(version.err()).isEqualTo("vmtool " + VERSION + "\n");
        assertReadmeNamesOnlyWhatIsThere(release);

        // A PREFIX two levels below what exists, and a start-up file that does not exist yet: the install makes
        // them, and the uninstall removes them again.
        Path prefix = dir.resolve("opt/vmtool");
        Path bashrc = dir.resolve("bashrc");
        Result install = run(List.of(release.resolve("install").toString(), "--bashrc", bashrc.toString(),
                prefix.toString()));
        assertThat(install.status()).as(install.err()).isZero();
        for (String file : INSTALLED) {
            assertThat(prefix.resolve(file)).isRegularFile();
        }
        assertThat(bashrc).isRegularFile();
        assertManPagesNameInstalledDocs(prefix);

        Result uninstall = run(List.of(release.resolve("install").toString(), "--uninstall", prefix.toString()));
        assertThat(uninstall.status()).as(uninstall.err()).isZero();
        assertThat(uninstall.out()).contains(prefix + " removed");
        assertThat(dir.resolve("opt")).doesNotExist();
        assertThat(bashrc).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(release);
        }
    }

    /**
     * The release's README is its own: every file it names (a path in backquotes or a link, relative to the
     * release) is in the release, and it sends no one to a checkout's scripts/, mvn or docs/.
     */
    private static void assertReadmeNamesOnlyWhatIsThere(Path release) throws IOException {
        String readme = Files.readString(release.resolve("README.md"));
        assertThat(readme).doesNotContain("scripts/", "mvn ", "](docs/", "`docs/json");
        Matcher named = Pattern.compile("`(?:\\./)?((?:bin|lib|share|install|LICENSE|README)[^` ]*)`|\\]\\(([^)#]+)\\)")
                .matcher(readme);
        int count = 0;
        while (named.find()) {
            String path = named.group(1) != null ? named.group(1) : named.group(2);
            assertThat(release.resolve(path)).as("README names %s", path).exists();
            count++;
        }
        assertThat(count).as("files the README names").isGreaterThanOrEqualTo(6);
        for (String line : readme.lines().filter(line -> line.startsWith("    bin/") || line.startsWith("    ./"))
                .toList()) {
            String file = line.strip().split(" ")[0];
            assertThat(release.resolve(file)).as("README runs %s", file).isExecutable();
        }
    }

    /**
     * After an install under ~/.local, a new interactive bash (a real one, in tmux, with the environment and
     * start-up files a user has, and no bash-completion package loaded) completes vmtool's commands, --mode's
     * values, file names, and live PIDs with their command names.
     */
    @Test
    @Timeout(120)
    void aNewInteractiveBashCompletes(@TempDir Path home) throws Exception {
        Path prefix = home.resolve(".local");
        Result install = run(List.of(ROOT.resolve("scripts/install").toString(), prefix.toString()),
                Map.of("HOME", home.toString()));
        assertThat(install.status()).as(install.err()).isZero();
        assertThat(install.out()).contains("added 2 lines to " + home.resolve(".bashrc"));
        Files.writeString(home.resolve("only-file.txt"), "");

        // Debian's /etc/bash.bashrc loads bash-completion only where an administrator has uncommented it.
        boolean systemLoadsBashCompletion = Files.readString(Path.of("/etc/bash.bashrc")).lines()
                .anyMatch(line -> !line.strip().startsWith("#") && line.contains("bash_completion"));
        String bash = systemLoadsBashCompletion ? "bash --norc -i" : "bash -i";
        List<Process> sleepers = sleepersSharingAPrefix();
        Path socket = home.resolve("tmux.sock");
        try {
            tmux(socket, "new-session", "-d", "-x", "120", "-y", "30", "env -i HOME=" + home + " TERM=xterm PATH="
                    + prefix.resolve("bin") + ":/usr/bin:/bin " + bash);
            if (systemLoadsBashCompletion) {
                type(socket, ". ~/.bashrc", "Enter");
            }
            // capture-pane drops trailing spaces: an '@' typed after the completion shows the space before it.
            type(socket, "cd", "Enter", "vmtool pm", "Tab", "@");
            awaitScreen(socket, "vmtool pmap @");

            type(socket, "C-u", "clear", "Enter", "vmtool touch --mode ", "Tab", "Tab");
            assertThat(awaitScreen(socket, "write")).containsPattern("page +read +rw +write");

            type(socket, "C-u", "clear", "Enter", "vmtool map --html only-f", "Tab", "@");
            awaitScreen(socket, "vmtool map --html only-file.txt @");

            type(socket, "C-u", "clear", "Enter", "vmtool pmap --file /tm", "Tab");
            awaitScreen(socket, "vmtool pmap --file /tmp/");

            String first = Long.toString(sleepers.get(0).pid());
            String second = Long.toString(sleepers.get(1).pid());
            String common = first.substring(0, first.length() - 1);
            type(socket, "C-u", "clear", "Enter", "vmtool pmap " + common, "Tab", "Tab");
            assertThat(awaitScreen(socket, second + " (sleep)")).contains(first + " (sleep)");
        } finally {
            run(List.of("tmux", "-S", socket.toString(), "kill-server"));
            for (Process sleeper : sleepers) {
                sleeper.destroy();
                sleeper.waitFor();
            }
            Result uninstall = run(List.of(ROOT.resolve("scripts/install").toString(), "--uninstall",
                    prefix.toString()), Map.of("HOME", home.toString()));
            assertThat(uninstall.status()).as(uninstall.err()).isZero();
        }
        assertThat(home.resolve(".bashrc")).as("made by the install, removed by the uninstall").doesNotExist();
        assertThat(prefix).doesNotExist();
    }

    /** Two sleeping children whose PIDs differ only in their last digit. */
    private static List<Process> sleepersSharingAPrefix() throws IOException {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            started.add(DiesWithTheJvm.start(new ProcessBuilder("sleep", "120")));
            for (Process other : started.subList(0, started.size() - 1)) {
                Process last = started.get(started.size() - 1);
                if (other.pid() / 10 == last.pid() / 10) {
                    started.removeAll(List.of(other, last));
                    started.forEach(Process::destroy);
                    return List.of(other, last);
                }
            }
        }
        started.forEach(Process::destroy);
        throw new AssertionError("no two of 40 children had PIDs that differ only in their last digit");
    }

    private static void tmux(Path socket, String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Result result = run(command);
        assertThat(result.status()).as(result.err()).isZero();
    }

    /** Sends keys: each argument is a tmux key name (Tab, Enter, C-u) or text. */
    private static void type(Path socket, String... keys) throws InterruptedException {
        for (String key : keys) {
            tmux(socket, "send-keys", "-t", "0", key);
            Thread.sleep(key.equals("Tab") ? 400 : 50);
        }
    }

    /** The screen once it shows TEXT (within 10 s). */
    private static String awaitScreen(Path socket, String text) throws InterruptedException {
        String screen = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
            screen = run(List.of("tmux", "-S", socket.toString(), "capture-pane", "-p", "-t", "0")).out();
            if (screen.contains(text)) {
                return screen;
            }
        }
        throw new AssertionError("the screen never showed '" + text + "':\n" + screen);
    }

    private static Result run(List<String> command) {
        return run(command, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> extraEnvironment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.putAll(extraEnvironment);
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
