package vmtool.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import vmtool.ExitCode;

/**
 * A file that a command writes whole or not at all, as {@code sort -o} and editors do: into a temporary file in the
 * same directory, then renamed over the target, so that a failure (a full disk, a read that fails halfway) leaves
 * the old file, or none, and never half a file. An existing file is replaced (with its permissions kept; a new one
 * gets rw-r--r--), and a symbolic link is written through, not replaced.
 */
final class OutputFile {
    /** What goes into the file. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private OutputFile() {
    }

    /**
     * Writes {@code content} to {@code file}, in UTF-8.
     *
     * @throws VmtoolException with {@link ExitCode#OUTPUT_ERROR} and one line saying why, when it cannot
     */
    static void write(String file, Content content) {
        Path target = Path.of(file);
        Path temp = null;
        try {
            if (Files.isDirectory(target)) {
                throw new VmtoolException(ExitCode.OUTPUT_ERROR, "cannot write " + file + ": it is a directory");
            }
            Set<PosixFilePermission> permissions = NEW_FILE;
            if (Files.exists(target)) {
                target = target.toRealPath();
                permissions = Files.getPosixFilePermissions(target);
            } else if (Files.isSymbolicLink(target)) {
                // A dangling link: write the file it names.
                target = target.resolveSibling(Files.readSymbolicLink(target));
            }
            Path dir = target.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                    StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(out);
            }
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new VmtoolException(ExitCode.OUTPUT_ERROR, "cannot write " + file + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // The failure already reported is the one that matters.
                }
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
