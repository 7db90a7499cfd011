package vmtool.proc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import vmtool.model.ByteText;
import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;

/**
 * The text of a /proc link (a process's {@code exe}) as byte text, exactly the kernel's bytes, read with readlink:
 * the file it names is never opened, followed or looked at. Java decodes a link's bytes in the locale's character
 * set and loses those not valid in it (U+FFFD), so a link whose text is not plain ASCII is read again through libc
 * (JNA loads only then): a target's executable path is shown escaped as every name is, and matches its mappings'
 * names byte for byte.
 */
final class LinkText {
    private LinkText() {
    }

    /**
     * @throws AccessDeniedException when the kernel refuses the link
     * @throws NoSuchFileException   when there is no such link (the process exited, or has no executable)
     */
    static String read(Path link) throws IOException {
        String decoded = Files.readSymbolicLink(link).toString();
        if (ByteText.isAscii(decoded)) {
            return decoded;
        }
        try {
            return ByteText.fromBytes(Libc.readLink(link.toString()));
        } catch (LibcException e) {
            throw switch (e.errno()) {
                case Libc.EACCES, Libc.EPERM -> new AccessDeniedException(link.toString());
                case Libc.ENOENT, Libc.ESRCH -> new NoSuchFileException(link.toString());
                default -> new FileSystemException(link.toString(), null, e.getMessage());
            };
        }
    }
}
