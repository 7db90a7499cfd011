package vmtool.pmap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import vmtool.cli.CommandLineFactory;
import vmtool.JdkFlags;

/** Runs `vmtool pmap ARGS`: in this JVM (as Main does), or in a child JVM when the environment must differ. */
public final class VmtoolRunner {
    private static Path readableClassPath;

    private VmtoolRunner() {
    }

    /**
     * Set -Dvmtool.difftest.selfcheck=true to run /usr/bin/pmap where vmtool would run: the harness then checks
     * itself (helpers quiet, comparisons stable); only the tests of vmtool's own deliberate differences and
     * of its stderr should fail.
     */
    static final boolean SELF_CHECK = Boolean.getBoolean("vmtool.difftest.selfcheck");

    static RunResult inProcess(List<String> pmapArgs) {
        if (SELF_CHECK) {
            return ReferencePmap.run(pmapArgs);
        }
        List<String> args = new ArrayList<>();
        args.add("pmap");
        args.addAll(pmapArgs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args.toArray(new String[0]), out, err);
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    /**
     * Runs vmtool.Main in a child JVM with extra environment variables, and with a command prefix
     * (e.g. setpriv to drop privileges). The classes and jars are copied to a world-readable directory first,
     * so that an unprivileged user can load them.
     */
    static RunResult childJvm(List<String> prefix, Map<String, String> env, Path workDir, List<String> pmapArgs) {
        List<String> command = new ArrayList<>(prefix);
        if (SELF_CHECK) {
            command.add(ReferencePmap.BINARY.toString());
            command.addAll(pmapArgs);
            return Processes.runToEnd(command, env, workDir);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JdkFlags.forThisJdk());
        command.add("-XX:-UsePerfData");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(classPath());
        command.add("vmtool.Main");
        command.add("pmap");
        command.addAll(pmapArgs);
        return Processes.runToEnd(command, env, workDir);
    }

    /** This test JVM's classes and jars, copied where any user can read them (once per JVM). */
    public static synchronized String classPath() {
        try {
            if (readableClassPath == null) {
                Path dir = Files.createTempDirectory("vmtool-cp-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.deleteTree(dir)));
                List<Class<?>> anchors = List.of(vmtool.Main.class, picocli.CommandLine.class,
                        com.sun.jna.Native.class);
                int i = 0;
                for (Class<?> anchor : anchors) {
                    Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
                    Path target = dir.resolve("cp" + i++ + (Files.isDirectory(source) ? "" : ".jar"));
                    copyTree(source, target);
                }
                makeWorldReadable(dir);
                readableClassPath = dir;
            }
            try (Stream<Path> entries = Files.list(readableClassPath)) {
                return String.join(":", entries.sorted().map(Path::toString).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void makeWorldReadable(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
