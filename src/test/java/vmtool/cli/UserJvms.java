package vmtool.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import vmtool.Unprivileged;

/**
 * What the --jvm security tests plant as the unprivileged user: JDK-shaped directories it owns, with a jcmd that
 * leaves a marker if anyone runs it; the fakejvm helper (src/test/c/fakejvm.c), which maps a file named libjvm.so
 * and catches SIGQUIT but is no JVM; and a copy of a real JDK.
 */
final class UserJvms {
    private static final Path SOURCE = Path.of("src/test/c/fakejvm.c");
    private static final Path TMP = Path.of("/tmp");
    private static Path fakeJvm;

    private UserJvms() {
    }

    /** A new directory the unprivileged user owns (0700), under /tmp (which it can reach). */
    static Path ownedDirectory(String prefix) throws IOException {
        return Unprivileged.ownedDirectory(TMP, prefix);
    }

    /**
     * Writes {@code bin/jcmd} under {@code home}: a script that, whoever runs it, writes its uid and environment to
     * {@code marker} and fails. The test asserts the marker never appears.
     */
    static void plantJcmd(Path home, Path marker) throws IOException {
        Path jcmd = home.resolve("bin/jcmd");
        Files.createDirectories(jcmd.getParent());
        Files.deleteIfExists(jcmd);
        Files.writeString(jcmd, "#!/bin/sh\n{ id -u; env; } > '" + marker + "'\necho 'planted jcmd ran'\nexit 1\n");
        Files.setPosixFilePermissions(jcmd, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A file of one page named {@code path}, e.g. {@code .../lib/server/libjvm.so}. */
    static void plantFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[4096]);
    }

    /** Gives everything under {@code dir} (not following links) to the unprivileged user. */
    static void chownTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                Unprivileged.chown(path);
            }
        }
    }

    /** The compiled fakejvm, in a directory root owns that others may read and search (so the user can run it). */
    static synchronized Path fakeJvm() throws IOException, InterruptedException {
        if (fakeJvm != null) {
            return fakeJvm;
        }
        Path dir = Files.createTempDirectory("vmtool-fakejvm-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Path out = dir.resolve("fakejvm");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-Wall", "-Wextra", "-o", out.toString(),
                SOURCE.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed:\n" + output);
        }
        fakeJvm = out;
        return fakeJvm;
    }

    /**
     * {@code program libjvm} (fakejvm or a copy) run as the unprivileged user in {@code workingDirectory}, once it
     * says "ready"; with {@code options} (fakejvm's {@code --no-sigquit-handler}).
     */
    static Process startFake(Path program, Path libjvm, Path workingDirectory, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(program.toString(), libjvm.toString()));
        command.addAll(List.of(options));
        Process fake = new ProcessBuilder(Unprivileged.command(command)).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        String first = new String(fake.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
        if (!first.equals("ready\n")) {
            fake.destroyForcibly();
            throw new IllegalStateException("fakejvm said " + first);
        }
        return fake;
    }

    /**
     * A copy of the JDK at {@code home} into {@code dir}, for the unprivileged user to own: bin/, conf/, release and
     * lib/ (its large files, which the copy only reads, as links to the original's: lib/modules, the CDS archives).
     */
    static Path copyJdk(Path home, Path dir) throws IOException {
        Path copy = dir.resolve("jdk");
        Path real = home.toRealPath();
        try (Stream<Path> all = Files.walk(real)) {
            for (Path from : all.toList()) {
                Path relative = real.relativize(from);
                String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                if (!List.of("", "bin", "conf", "lib", "release").contains(first)) {
                    continue;
                }
                Path to = copy.resolve(relative.toString());
                String name = from.getFileName().toString();
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else if (name.equals("modules") || name.endsWith(".jsa") || name.equals("src.zip")
                        || name.equals("ct.sym")) {
                    Files.createSymbolicLink(to, from);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return copy;
    }

    /** The processes started under {@code parent} (its descendants), alive now. */
    static List<ProcessHandle> descendants(ProcessHandle parent) {
        List<ProcessHandle> all = new ArrayList<>();
        parent.descendants().forEach(all::add);
        return all;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
