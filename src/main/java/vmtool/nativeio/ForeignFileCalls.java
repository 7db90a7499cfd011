package vmtool.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;

/** The calls behind {@link ForeignFile}, which says what they do and why. */
final class ForeignFileCalls {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    private static final boolean SUPPORTED = AARCH64 || "amd64".equals(System.getProperty("os.arch"));
    /** O_DIRECTORY and O_NOFOLLOW: aarch64 has its own values, x86-64 the generic ones. */
    private static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    private static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    /** struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major and _minor (u32) at 136 and 140. */
    private static final int STATX_SIZE = 256;
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    private ForeignFileCalls() {
    }

    /** {@link ForeignFile#readMapped}. */
    static int readMapped(String mapFilesEntry, int deviceMajor, int deviceMinor, long inode, byte[] head)
            throws LibcException {
        LinuxLibc libc = libc("open");
        int path = open(libc, mapFilesEntry, LinuxLibc.O_PATH | LinuxLibc.O_CLOEXEC);
        try {
            return readVerified(libc, path, deviceMajor, deviceMinor, inode, head);
        } finally {
            libc.close(path);
        }
    }

    /** {@link ForeignFile#readInRoot}. */
    static int readInRoot(String rootLink, String path, int deviceMajor, int deviceMinor, long inode, byte[] head)
            throws LibcException {
        LinuxLibc libc = libc("openat2");
        int root = open(libc, rootLink, LinuxLibc.O_PATH | O_DIRECTORY | LinuxLibc.O_CLOEXEC);
        try {
            long[] how = {LinuxLibc.O_PATH | O_NOFOLLOW | LinuxLibc.O_CLOEXEC, 0,
                LinuxLibc.RESOLVE_IN_ROOT | LinuxLibc.RESOLVE_NO_SYMLINKS | LinuxLibc.RESOLVE_NO_MAGICLINKS};
            int file;
            try {
                file = (int) libc.syscall(LinuxLibc.SYS_OPENAT2, root, cString(path), how, 8L * how.length);
            } catch (LastErrorException e) {
                throw Libc.failure("openat2", e.getErrorCode());
            }
            try {
                return readVerified(libc, file, deviceMajor, deviceMinor, inode, head);
            } finally {
                libc.close(file);
            }
        } finally {
            libc.close(root);
        }
    }

    /** The checks and the read, from an O_PATH descriptor. */
    private static int readVerified(LinuxLibc libc, int path, int deviceMajor, int deviceMinor, long inode,
                                    byte[] head) throws LibcException {
        if (!isRegularFile(libc, path, deviceMajor, deviceMinor, inode)) {
            return ForeignFile.NOT_THE_MAPPED_FILE;
        }
        int fd = open(libc, "/proc/self/fd/" + path,
                LinuxLibc.O_RDONLY | LinuxLibc.O_NONBLOCK | LinuxLibc.O_NOCTTY | LinuxLibc.O_CLOEXEC);
        try {
            if (!isRegularFile(libc, fd, deviceMajor, deviceMinor, inode)) {
                return ForeignFile.NOT_THE_MAPPED_FILE;
            }
            int total = 0;
            while (total < head.length) {
                byte[] chunk = total == 0 ? head : new byte[head.length - total];
                long n;
                try {
                    n = libc.read(fd, chunk, chunk.length);
                } catch (LastErrorException e) {
                    throw Libc.failure("read", e.getErrorCode());
                }
                if (n <= 0) {
                    break;
                }
                if (chunk != head) {
                    System.arraycopy(chunk, 0, head, total, (int) n);
                }
                total += (int) n;
            }
            return total;
        } finally {
            libc.close(fd);
        }
    }

    private static boolean isRegularFile(LinuxLibc libc, int fd, int deviceMajor, int deviceMinor, long inode)
            throws LibcException {
        byte[] stat = new byte[STATX_SIZE];
        try {
            libc.statx(fd, new byte[1], LinuxLibc.AT_EMPTY_PATH, LinuxLibc.STATX_TYPE | LinuxLibc.STATX_INO, stat);
        } catch (LastErrorException e) {
            throw Libc.failure("statx", e.getErrorCode());
        }
        ByteBuffer fields = ByteBuffer.wrap(stat).order(ByteOrder.nativeOrder());
        int mask = fields.getInt(0);
        return (mask & (LinuxLibc.STATX_TYPE | LinuxLibc.STATX_INO)) == (LinuxLibc.STATX_TYPE | LinuxLibc.STATX_INO)
                && (fields.getShort(28) & S_IFMT) == S_IFREG && fields.getLong(32) == inode
                && fields.getInt(136) == deviceMajor && fields.getInt(140) == deviceMinor;
    }

    private static int open(LinuxLibc libc, String path, int flags) throws LibcException {
        try {
            return libc.open(cString(path), flags);
        } catch (LastErrorException e) {
            throw Libc.failure("open", e.getErrorCode());
        }
    }

    /** The library, or ENOSYS on another architecture. */
    private static LinuxLibc libc(String call) throws LibcException {
        if (!SUPPORTED) {
            throw new LibcException(call, LinuxLibc.ENOSYS, "not on " + System.getProperty("os.arch"));
        }
        return LinuxLibc.get();
    }

    /** The path's bytes and a NUL. A path from /proc is Latin-1 text, one char per byte (vmtool.proc). */
    private static byte[] cString(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.ISO_8859_1);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }
}
