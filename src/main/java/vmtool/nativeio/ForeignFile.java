package vmtool.nativeio;



/**
 * Reads the head of a file that another process maps, as root may read what a hostile user controls: without
 * leaving that process's root, without following a link that was put where the mapped file was, and without ever
 * opening anything but that regular file. Java can do none of it: it cannot open with O_PATH or O_NONBLOCK,
 * resolve a path inside another root (openat2), or stat a descriptor.
 *
 * <p>Each read first opens with O_PATH, which opens nothing: no FIFO waits for a writer, no device is opened, no
 * lease is broken. That descriptor is statx'ed: only a regular file with the mapping's device and inode goes on. It
 * is then opened for reading through /proc/self/fd (the same inode, whatever has happened to its path since),
 * O_NONBLOCK (a lease holder cannot make the open wait), checked again, and read.
 */
public final class ForeignFile {
    /** What a read finds when the file is not the mapped one (another type, device or inode). */
    public static final int NOT_THE_MAPPED_FILE = -1;
    /** errno: no such call here (openat2 before Linux 5.6), or no native calls at all (JNA did not load). */
    public static final int ENOSYS = LinuxLibc.ENOSYS;
    public static final int EPERM = LinuxLibc.EPERM;

    private ForeignFile() {
    }

    /**
     * The mapped file's first bytes through a {@code /proc/PID/map_files/START-END} entry, which names exactly the
     * file the kernel maps there (even in a chroot whose root directory is gone); following it needs CAP_SYS_ADMIN
     * (else {@link LibcException} with EPERM).
     *
     * @return how many bytes were read into {@code head}, or {@link #NOT_THE_MAPPED_FILE}
     */
    public static int readMapped(String mapFilesEntry, int deviceMajor, int deviceMinor, long inode, byte[] head)
            throws LibcException {
        try {
            return ForeignFileCalls.readMapped(mapFilesEntry, deviceMajor, deviceMinor, inode, head);
        } catch (LinkageError e) {
            throw unavailable("open", e);
        }
    }

    /**
     * The first bytes of the file at {@code path} as the process sees it: resolved inside {@code rootLink} (its
     * /proc/PID/root) as if that were the root, with no symbolic link anywhere on the way (the kernel writes a
     * mapped file's path with none: a link there was put there since), nor a /proc magic link.
     *
     * @return how many bytes were read into {@code head}, or {@link #NOT_THE_MAPPED_FILE}
     * @throws LibcException ENOSYS before Linux 5.6; ELOOP for a link; ENOENT, EACCES...
     */
    public static int readInRoot(String rootLink, String path, int deviceMajor, int deviceMinor, long inode,
                                 byte[] head) throws LibcException {
        try {
            return ForeignFileCalls.readInRoot(rootLink, path, deviceMajor, deviceMinor, inode, head);
        } catch (LinkageError e) {
            throw unavailable("openat2", e);
        }
    }

    /**
     * JNA did not load, or the C library lacks a call (statx before glibc 2.28). This class names no JNA type, so
     * that it loads (and can say so) without JNA; the calls are in {@link ForeignFileCalls}.
     */
    private static LibcException unavailable(String call, LinkageError e) {
        return new LibcException(call, ENOSYS, "native calls unavailable (" + e.getMessage() + ")");
    }
}
