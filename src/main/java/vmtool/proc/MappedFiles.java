package vmtool.proc;

import java.nio.file.Path;

import vmtool.model.Mapping;
import vmtool.nativeio.ForeignFile;
import vmtool.nativeio.LibcException;

/**
 * Reads the head of a file that a process maps, for its ELF headers, as root may read what another user controls.
 * First through {@code /proc/PID/map_files/START-END}: the exact file mapped there, whatever its name and wherever
 * the process's root is (a chroot into a directory since removed, as Firefox's sandboxed processes have), but only
 * for root (CAP_SYS_ADMIN). Else by its path inside {@code /proc/PID/root}, resolved as if that were the root and
 * through no symbolic link (openat2, Linux 5.6 on). Else not at all. Either way the file is opened only once it is
 * known to be a regular file with the mapping's device and inode, and never so that the open can wait
 * ({@link ForeignFile}).
 *
 * <p>One per process and read: a way that fails for every file (map_files for a user who is not root; openat2 on an
 * older kernel; no native calls) is not tried again.
 */
final class MappedFiles {
    private final Path processDir;
    private boolean mapFiles = true;
    private boolean inRoot = true;

    MappedFiles(Path processDir) {
        this.processDir = processDir;
    }

    /** Whether any way of reading is left. */
    boolean anyWay() {
        return mapFiles || inRoot;
    }

    /**
     * Reads the first bytes of the file that {@code mapping} maps into {@code head}: how many, or 0 when it cannot
     * be read as above.
     */
    int readHead(Mapping mapping, byte[] head) {
        int major = mapping.device().major();
        int minor = mapping.device().minor();
        if (mapFiles) {
            String entry = processDir.resolve("map_files").resolve(Long.toHexString(mapping.start()) + "-"
                    + Long.toHexString(mapping.end())).toString();
            try {
                int length = ForeignFile.readMapped(entry, major, minor, mapping.inode(), head);
                if (length != ForeignFile.NOT_THE_MAPPED_FILE) {
                    return length;
                }
            } catch (LibcException e) {
                mapFiles = stillWorth(e);
            }
        }
        // The kernel writes a newline in a name as \012 and a backslash as is: a name with one is not a path.
        if (inRoot && !mapping.isDeleted() && mapping.path().indexOf('\\') < 0) {
            try {
                int length = ForeignFile.readInRoot(processDir.resolve("root").toString(), mapping.path(), major,
                        minor, mapping.inode(), head);
                return Math.max(length, 0);
            } catch (LibcException e) {
                inRoot = stillWorth(e);
            }
        }
        return 0;
    }

    /**
     * Whether a way that failed so may work for another file: not when it is not allowed (EPERM: map_files needs
     * root) or not there (ENOSYS).
     */
    private static boolean stillWorth(LibcException e) {
        return e.errno() != ForeignFile.EPERM && e.errno() != ForeignFile.ENOSYS;
    }
}
