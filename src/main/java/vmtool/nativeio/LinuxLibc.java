package vmtool.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls vmtool makes through JNA, and only those; each says why Java lacks it. The rest of vmtool calls
 * them through {@link Libc} and {@link SysvSegment}, in Java types. Loaded on first use ({@link #get()}), so a
 * command that needs none of them never loads native code.
 */
interface LinuxLibc extends Library {
    /** LC_ALL on glibc. */
    int LC_ALL = 6;
    /** CODESET for nl_langinfo on glibc: the character set of LC_CTYPE. */
    int CODESET = 14;
    /** IPC_PRIVATE, IPC_CREAT, IPC_RMID and SHM_RDONLY on Linux. */
    int IPC_PRIVATE = 0;
    int IPC_CREAT = 01000;
    int IPC_RMID = 0;
    int SHM_RDONLY = 010000;
    /** madvise advice on Linux: back the range with transparent huge pages; collapse it into them now. */
    int MADV_HUGEPAGE = 14;
    int MADV_COLLAPSE = 25;
    /** getrlimit resource on Linux: the most memory a process may lock. */
    int RLIMIT_MEMLOCK = 8;
    /** ioctl request on Linux (x86, arm, riscv): the terminal's window size into a struct winsize. */
    int TIOCGWINSZ = 0x5413;
    /** errno values on Linux. */
    int EPERM = 1;
    int ENOMEM = 12;
    int ENOSYS = 38;
    int EINVAL = 22;
    int ENOTTY = 25;
    int ESRCH = 3;
    int EACCES = 13;
    /** open flags common to x86-64 and aarch64 (O_DIRECTORY and O_NOFOLLOW differ: see {@link ForeignFile}). */
    int O_RDONLY = 0;
    int O_NOCTTY = 0400;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    int O_PATH = 010000000;
    /** openat2's syscall number: one for every architecture from Linux 5.6 on. */
    long SYS_OPENAT2 = 437;
    /** openat2 resolve flags. */
    long RESOLVE_NO_MAGICLINKS = 0x02;
    long RESOLVE_NO_SYMLINKS = 0x04;
    long RESOLVE_IN_ROOT = 0x10;
    /** statx: the descriptor itself; the fields asked for (the type and the inode number; the device comes too). */
    int AT_EMPTY_PATH = 0x1000;
    int STATX_TYPE = 0x1;
    int STATX_INO = 0x100;

    /** Java has its own locale model; the C library's (which procps follows) is only reachable here. */
    String setlocale(int category, String locale);

    /** The C library's character set for the locale set above (Java cannot ask libc). */
    String nl_langinfo(int item);

    /** System V shared memory: no Java API at all. */
    int shmget(int key, long size, int shmflg);

    Pointer shmat(int shmid, Pointer shmaddr, int shmflg);

    int shmdt(Pointer shmaddr);

    int shmctl(int shmid, int cmd, Pointer buf);

    /** Pinning pages in RAM: Java has no API to lock memory. */
    int mlock(Pointer addr, long len) throws LastErrorException;

    int munlock(Pointer addr, long len) throws LastErrorException;

    /** Paging advice (transparent huge pages): Java cannot advise the kernel about a range. */
    int madvise(Pointer addr, long length, int advice) throws LastErrorException;

    /** Which pages of a range are resident: Java cannot ask. {@code vec} gets one byte per page. */
    int mincore(Pointer addr, long length, byte[] vec) throws LastErrorException;

    /** Resource limits (RLIMIT_MEMLOCK): Java cannot read them. {@code rlim} receives {soft, hard}. */
    int getrlimit(int resource, long[] rlim) throws LastErrorException;

    /**
     * Opening with flags Java cannot pass (O_PATH, O_NONBLOCK for a regular file, O_NOCTTY). {@code path} ends in
     * a NUL byte, so that no character set comes between the kernel's name and the call.
     */
    int open(byte[] path, int flags) throws LastErrorException;

    /**
     * openat2(2), which glibc does not wrap: {@code how} is struct open_how {flags, mode, resolve}, three u64.
     * Java cannot resolve a path inside another directory as if it were the root.
     */
    long syscall(long number, long dirfd, byte[] path, long[] how, long size) throws LastErrorException;

    /** statx(2) of an open descriptor: Java cannot stat a descriptor. {@code buffer} is a struct statx (256 bytes). */
    int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer) throws LastErrorException;

    /**
     * A symbolic link's text as the kernel's bytes: Java decodes it in the locale's character set, and a byte not
     * valid in it is lost (U+FFFD). {@code path} ends in a NUL byte.
     */
    long readlink(byte[] path, byte[] buffer, long size) throws LastErrorException;

    /** Reading a descriptor opened here, which no Java stream owns. */
    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    int close(int fd);

    /**
     * A terminal's size in characters: Java cannot ask it. {@code winsize} receives struct winsize's four unsigned
     * shorts: rows, columns, then the pixel sizes.
     */
    int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

    /**
     * An ioctl whose argument is a struct in native memory (PAGEMAP_SCAN's {@code struct pm_scan_arg}): Java cannot
     * make an ioctl at all.
     */
    int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /** sysconf(3) for the page size: Java has no public API for it. */
    long sysconf(int name);

    /** sysconf's name of the page size on Linux. */
    int SC_PAGESIZE = 30;

    /** The C library's words for an errno: Java has no table of them. */
    String strerror(int errnum);

    /** The loaded library; the first call loads JNA. */
    static LinuxLibc get() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: class initialization happens on the first {@link #get()}. */
    final class Holder {
        private static final LinuxLibc INSTANCE = load();

        private static LinuxLibc load() {
            Unpacking.useSystemTempDir();
            // The C library by its soname (libc.so.6), which the loader already has: no search for it. And no
            // platform search path either: JNA builds that by running `ldconfig -p` in a child process, some
            // milliseconds of every command that makes a native call (docs/performance.md).
            if (System.getProperty("jna.platform.library.path") == null) {
                System.setProperty("jna.platform.library.path", "");
            }
            return Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LinuxLibc.class);
        }

        private Holder() {
        }
    }

    /**
     * Where JNA unpacks its native part when it must. The launcher points {@code jna.boot.library.path} at a copy
     * unpacked once beside the jar (with {@code jna.nounpack}), and JNA unpacks nothing; run otherwise, JNA unpacks
     * it to a temporary file and deletes it once loaded, by default under ~/.cache/JNA, which it would leave behind.
     * The system's temporary directory leaves nothing. A class of its own, so that setting it loads nothing else.
     */
    final class Unpacking {
        /** Must run before JNA's Native class is first used. */
        static void useSystemTempDir() {
            if (System.getProperty("jna.tmpdir") == null) {
                System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
            }
        }

        private Unpacking() {
        }
    }
}
