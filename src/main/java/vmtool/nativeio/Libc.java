package vmtool.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * The libc calls vmtool makes, in Java types: addresses are longs, a failure is a {@link LibcException} with its
 * errno. The only way in to {@link LinuxLibc}, so that no class outside this package sees a JNA type. Each method
 * says why plain Java lacks it.
 *
 * <p>JNA loads on the first call, not with this class. If it cannot load (no JNA on the class path, or its native
 * part refused), the first call throws {@link UnsatisfiedLinkError} and later ones {@link NoClassDefFoundError}.
 */
public final class Libc {
    /** errno values on Linux. */
    public static final int EPERM = LinuxLibc.EPERM;
    public static final int ENOMEM = LinuxLibc.ENOMEM;
    public static final int EINVAL = LinuxLibc.EINVAL;
    public static final int ENOTTY = LinuxLibc.ENOTTY;
    public static final int ESRCH = LinuxLibc.ESRCH;
    public static final int EACCES = LinuxLibc.EACCES;
    public static final int ENOENT = 2;
    public static final int EFAULT = 14;

    private Libc() {
    }

    /**
     * Sets the C library's locale from the environment ({@code setlocale(LC_ALL, "")}, as procps does) and returns
     * its character set ({@code nl_langinfo(CODESET)}), or null. Java has its own locale model and cannot ask libc's.
     */
    public static String localeCodeset() {
        LinuxLibc libc = LinuxLibc.get();
        libc.setlocale(LinuxLibc.LC_ALL, "");
        return libc.nl_langinfo(LinuxLibc.CODESET);
    }

    /** Pins a range in RAM (mlock): Java has no API to lock memory. */
    public static void mlock(long address, long length) throws LibcException {
        try {
            LinuxLibc.get().mlock(new Pointer(address), length);
        } catch (LastErrorException e) {
            throw failure("mlock", e.getErrorCode());
        }
    }

    /** Undoes {@link #mlock}: Java has no API to lock memory, nor to unlock it. */
    public static void munlock(long address, long length) throws LibcException {
        try {
            LinuxLibc.get().munlock(new Pointer(address), length);
        } catch (LastErrorException e) {
            throw failure("munlock", e.getErrorCode());
        }
    }

    /** Asks for transparent huge pages on a page-aligned range: Java cannot advise the kernel about a range. */
    public static void adviseHugePages(long address, long length) throws LibcException {
        madvise(address, length, LinuxLibc.MADV_HUGEPAGE, "madvise(MADV_HUGEPAGE)");
    }

    /** Collapses a page-aligned, resident range into huge pages now (Linux 6.1 and later); as above. */
    public static void collapseHugePages(long address, long length) throws LibcException {
        madvise(address, length, LinuxLibc.MADV_COLLAPSE, "madvise(MADV_COLLAPSE)");
    }

    private static void madvise(long address, long length, int advice, String call) throws LibcException {
        try {
            LinuxLibc.get().madvise(new Pointer(address), length, advice);
        } catch (LastErrorException e) {
            throw failure(call, e.getErrorCode());
        }
    }

    /**
     * Which pages of a range are resident (mincore): one byte per page into {@code residency}, bit 0 set for a
     * resident page; the start must be page-aligned. Java cannot ask. (Tests use it.)
     */
    public static void mincore(long address, long length, byte[] residency) throws LibcException {
        try {
            LinuxLibc.get().mincore(new Pointer(address), length, residency);
        } catch (LastErrorException e) {
            throw failure("mincore", e.getErrorCode());
        }
    }

    /**
     * The soft limit on locked memory (RLIMIT_MEMLOCK) in bytes, -1 for unlimited: Java cannot read resource limits.
     */
    public static long memlockLimit() throws LibcException {
        long[] limit = new long[2];
        try {
            LinuxLibc.get().getrlimit(LinuxLibc.RLIMIT_MEMLOCK, limit);
        } catch (LastErrorException e) {
            throw failure("getrlimit", e.getErrorCode());
        }
        return limit[0];
    }

    /** The size of a page in bytes (sysconf(_SC_PAGESIZE)): Java has no public API for it. */
    public static long pageSize() {
        return LinuxLibc.get().sysconf(LinuxLibc.SC_PAGESIZE);
    }

    /** A terminal's size in characters. */
    public record WindowSize(int columns, int rows) {
    }

    /**
     * The size of the terminal that descriptor {@code fd} is (ioctl TIOCGWINSZ): Java cannot ask a terminal's size.
     * A descriptor that is not a terminal fails with ENOTTY; a terminal that does not know its size gives zeros.
     */
    public static WindowSize windowSize(int fd) throws LibcException {
        short[] winsize = new short[4];
        try {
            LinuxLibc.get().ioctl(fd, LinuxLibc.TIOCGWINSZ, winsize);
        } catch (LastErrorException e) {
            throw failure("ioctl(TIOCGWINSZ)", e.getErrorCode());
        }
        return new WindowSize(Short.toUnsignedInt(winsize[1]), Short.toUnsignedInt(winsize[0]));
    }

    /** The failure of a call, worded by the C library (strerror): Java has no table of errno texts. */
    /**
     * The text of the symbolic link {@code path} (byte text: one char per byte), exactly as the kernel keeps it:
     * Java's readSymbolicLink decodes it and loses the bytes that are not valid in the locale's character set.
     */
    public static byte[] readLink(String path) throws LibcException {
        byte[] name = path.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] cPath = java.util.Arrays.copyOf(name, name.length + 1);
        // A /proc link's text is at most a page (d_path); grown once more should a link be longer.
        for (int size = 4096; ; size *= 16) {
            byte[] buffer = new byte[size];
            long length;
            try {
                length = LinuxLibc.get().readlink(cPath, buffer, size);
            } catch (LastErrorException e) {
                throw failure("readlink", e.getErrorCode());
            }
            if (length < size || size >= 1 << 20) {
                return java.util.Arrays.copyOf(buffer, (int) Math.min(length, size));
            }
        }
    }

    static LibcException failure(String call, int errno) {
        return new LibcException(call, errno, LinuxLibc.get().strerror(errno));
    }
}
