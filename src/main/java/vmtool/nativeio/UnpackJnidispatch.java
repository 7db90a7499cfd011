package vmtool.nativeio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.sun.jna.Platform;

/**
 * The launcher's helper: {@code java -cp vmtool.jar vmtool.nativeio.UnpackJnidispatch DIR} copies JNA's native
 * library for this platform out of the jar into DIR once, so that every later run can give JNA
 * {@code -Djna.boot.library.path=DIR -Djna.nounpack=true}: no temporary file per run, and none of the ~130 classes
 * (SecureRandom among them) that unpacking loads into touch's resident memory.
 */
public final class UnpackJnidispatch {
    private UnpackJnidispatch() {
    }

    /** Not a user command: the launcher discards its output and, if it fails (exit 1), lets JNA unpack as before. */
    public static void main(String[] args) throws IOException {
        unpack(Path.of(args[0]));
    }

    /** Writes DIR/libjnidispatch.so whole or not at all (a temporary name, then a rename). */
    static void unpack(Path dir) throws IOException {
        String name = System.mapLibraryName("jnidispatch");
        String resource = "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name;
        try (InputStream in = UnpackJnidispatch.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the jar");
            }
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, name, ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }
}
