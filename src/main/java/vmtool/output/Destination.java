package vmtool.output;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where an output goes, once its path has been walked by {@link Destinations}: what is there decides how it is
 * written. Every directory in these paths is one that only root and the invoking user can change.
 */
public sealed interface Destination {
    /** This process's descriptor 1 ({@code /dev/stdout}, {@code /dev/fd/1}, {@code /proc/self/fd/1}). */
    record StandardOutput() implements Destination {
    }

    /**
     * Another descriptor of this process ({@code /dev/stderr}, {@code /dev/fd/3}, a shell's {@code >(...)}): opened
     * again through its link in /proc, appending, never created or truncated.
     */
    record Descriptor(Path link) implements Destination {
    }

    /** A FIFO, a terminal or another character device: written in place, never created, truncated or replaced. */
    record Device(Path path) implements Destination {
    }

    /**
     * A regular file, or a name not taken yet ({@code permissions} null): replaced whole, or created, by renaming a
     * finished temporary file onto {@code name} in {@code directory}.
     */
    record File(Path directory, Path name, Set<PosixFilePermission> permissions) implements Destination {
        public Path path() {
            return directory.resolve(name);
        }

        public boolean exists() {
            return permissions != null;
        }
    }
}
