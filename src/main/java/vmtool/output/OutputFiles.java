package vmtool.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes a {@link Destination} that {@link Destinations} found. A regular file is written whole or not at all, as
 * {@code sort -o} and editors do: into a new temporary file beside it (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600 while
 * it is written), then renamed over the name, so that a failure (a full disk, a signal) leaves the old file, or
 * none, and never half a file. A replaced file keeps its permission bits; a new one gets rw-r--r--, whatever the
 * umask; either is owned by whoever runs vmtool. A FIFO, a terminal, a character device or a descriptor is written
 * in place: opened without O_CREAT or O_TRUNC, never replaced.
 */
public final class OutputFiles {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final FileAttribute<Set<PosixFilePermission>> WHILE_WRITTEN =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 1 << 16;

    private OutputFiles() {
    }

    /**
     * Writes {@code content}, in UTF-8, to a destination other than standard output (which the command writes
     * through its own stream).
     */
    public static void write(Destination destination, Content content) throws IOException {
        writeBytes(destination, stream -> {
            try (Writer out = writer(stream)) {
                content.writeTo(out);
            }
        });
    }

    /** Bytes that go into an output as they are (a capture holds the kernel's bytes, which need not be UTF-8). */
    @FunctionalInterface
    public interface ByteContent {
        /** Writes everything into {@code out}, and closes it. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content}'s bytes to a destination other than standard output, as {@link #write} does text. */
    public static void writeBytes(Destination destination, ByteContent content) throws IOException {
        if (destination instanceof Destination.File file) {
            replace(file, content);
        } else if (destination instanceof Destination.Device device) {
            // O_NOFOLLOW: the walk found a FIFO or a device at this name, and nobody else can change the name.
            content.writeTo(Files.newOutputStream(device.path(), StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
        } else if (destination instanceof Destination.Descriptor descriptor) {
            // The kernel follows this process's own descriptor link; appending, as `>>` would.
            content.writeTo(Files.newOutputStream(descriptor.link(), StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } else {
            throw new IllegalArgumentException("standard output is written through the command's stream");
        }
    }

    /**
     * Creates {@code file} with {@code bytes} (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0666 less the umask, as procps
     * pmap's rc file), removing it again if the write fails.
     *
     * @throws FileAlreadyExistsException when the name is taken
     */
    public static void createNew(Destination.File file, byte[] bytes) throws IOException {
        Path path = file.path();
        if (file.exists()) {
            throw new FileAlreadyExistsException(path.toString());
        }
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try (out) {
            out.write(bytes);
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static void replace(Destination.File file, ByteContent content) throws IOException {
        Path temp = file.directory().resolve("." + file.name() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".tmp");
        // SIGINT and SIGTERM end map through the JVM's shutdown: the hook removes the temporary file if it is there.
        Thread removeOnExit = new Thread(() -> deleteQuietly(temp));
        Runtime.getRuntime().addShutdownHook(removeOnExit);
        boolean created = false;
        try {
            OutputStream stream = Channels.newOutputStream(Files.newByteChannel(temp, Set.<OpenOption>of(
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    WHILE_WRITTEN));
            created = true;
            content.writeTo(stream);
            Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(file.exists() ? file.permissions() : NEW_FILE);
            checkStillReplaceable(file.path());
            Files.move(temp, file.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            created = false;
        } finally {
            if (created) {
                deleteQuietly(temp);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs.
            }
        }
    }

    /** Renames only onto a regular file or a missing name, as looked at now (lstat, no link followed). */
    private static void checkStillReplaceable(Path target) throws IOException {
        try {
            if (!Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                throw new OutputRefused(target + " is no longer a regular file; it was left as it is");
            }
        } catch (NoSuchFileException e) {
            // A missing name: the file is created.
        }
    }

    private static Writer writer(OutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The failure already reported is the one that matters.
        }
    }
}
