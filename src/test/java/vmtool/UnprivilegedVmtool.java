package vmtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * vmtool run as the unprivileged user ({@link Unprivileged}) in a JVM of its own: the compiled classes, and copies
 * of the jars they need in a directory any user may read (root's Maven repository is closed to others).
 */
public final class UnprivilegedVmtool {
    /** One run: its exit status and both streams. */
    public record Run(int status, String out, String err) {
    }

    private static Path jars;

    private UnprivilegedVmtool() {
    }

    public static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(), "vmtool.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(Unprivileged.command(command))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[][] streams = new byte[2][];
        Thread err = new Thread(() -> {
            try {
                streams[1] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        err.start();
        streams[0] = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vmtool did not end in 60 s: " + command);
        }
        err.join();
        return new Run(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    private static synchronized String classPath() throws IOException {
        Path classes = location(Main.class);
        if (jars == null) {
            Path dir = Files.createTempDirectory("vmtool-user-cp-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Class<?> type : List.of(com.sun.jna.Native.class, com.google.gson.Gson.class,
                    com.fasterxml.jackson.core.JsonFactory.class, picocli.CommandLine.class)) {
                Path jar = location(type);
                Path copy = dir.resolve(jar.getFileName());
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a temporary directory: nothing more to do
                }
            }));
            jars = dir;
        }
        StringBuilder path = new StringBuilder(classes.toString());
        try (var files = Files.list(jars)) {
            for (Path jar : files.sorted().toList()) {
                path.append(':').append(jar);
            }
        }
        return path.toString();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
