package vmtool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a test starts vmtool in a JVM of its own (for another user, environment, working directory or stdout than
 * the test's): this JDK's java and flags, a quick start, and this test JVM's classes and jars copied where any user
 * can read them, so that the same command works behind {@link Unprivileged#command}.
 */
public final class ChildVmtool {
    private static Path readableClassPath;

    private ChildVmtool() {
    }

    /** {@code java FLAGS -cp CLASSPATH vmtool.Main ARGS}; {@code extraFlags} go after the usual JVM flags. */
    public static List<String> command(List<String> extraFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JdkFlags.forThisJdk());
        command.addAll(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(classPath());
        command.add("vmtool.Main");
        command.addAll(args);
        return command;
    }

    /** {@code java FLAGS -cp CLASSPATH vmtool.Main ARGS}. */
    public static List<String> command(String... args) {
        return command(List.of(), List.of(args));
    }

    /** The command as one line for {@code sh -c}, each word single-quoted. */
    public static String shellLine(List<String> command) {
        return String.join(" ", command.stream().map(ChildVmtool::shellQuote).toList());
    }

    /** One word single-quoted for sh. */
    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** This test JVM's classes and jars, copied where any user can read them (once per JVM). */
    public static synchronized String classPath() {
        try {
            if (readableClassPath == null) {
                Path dir = Files.createTempDirectory("vmtool-cp-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                // vmtool's classes and its run-time dependencies (pom.xml), each found by one of its classes.
                List<Class<?>> anchors = List.of(vmtool.Main.class, picocli.CommandLine.class,
                        com.sun.jna.Native.class, com.google.gson.Gson.class,
                        com.fasterxml.jackson.core.JsonParser.class);
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // at exit: what is left is in the temporary directory
        }
    }
}
