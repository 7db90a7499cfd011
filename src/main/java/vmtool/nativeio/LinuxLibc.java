package vmtool.nativeio;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls vmtool makes through JNA, and only those; each says why Java lacks it. The rest of vmtool calls
 * them through {@link Libc} and {@link SysvSegment}, in Java types. Loaded on first use ({@link #get()}), so a
 * command that needs none of them never loads native code.
 *
 * <p>Each call goes through JNA's {@link Function} of that name, not through a {@code Native.load} interface: that
 * builds a java.lang.reflect.Proxy class at run time (no start-up cache holds one on JDK 17) and looks each method
 * up by reflection on its first call, ~4-5 ms of every live command (docs/performance.md). JNA's direct mapping
 * (Native.register) costs more still: it lays out its FFI type structures through reflection and annotations. A
 * call whose C function reports failure through errno passes {@link Function#THROW_LAST_ERROR}, as JNA does for an
 * interface method that declares {@link LastErrorException}; the symbol is looked up at the first call (JNA keeps
 * it), so a C library without one (statx before glibc 2.28) fails that call alone, with UnsatisfiedLinkError.
 */
final class LinuxLibc {
    /** LC_ALL on glibc. */
    static final int LC_ALL = 6;
    /** CODESET for nl_langinfo on glibc: the character set of LC_CTYPE. */
    static final int CODESET = 14;
    /** IPC_PRIVATE, IPC_CREAT, IPC_RMID and SHM_RDONLY on Linux. */
    static final int IPC_PRIVATE = 0;
    static final int IPC_CREAT = 01000;
    static final int IPC_RMID = 0;
    static final int SHM_RDONLY = 010000;
    /** madvise advice on Linux: back the range with transparent huge pages; collapse it into them now. */
    static final int MADV_HUGEPAGE = 14;
    static final int MADV_COLLAPSE = 25;
    /** getrlimit resource on Linux: the most memory a process may lock. */
    static final int RLIMIT_MEMLOCK = 8;
    /** ioctl request on Linux (x86, arm, riscv): the terminal's window size into a struct winsize. */
    static final int TIOCGWINSZ = 0x5413;
    /** errno values on Linux. */
    static final int EPERM = 1;
    static final int ENOMEM = 12;
    static final int ENOSYS = 38;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int ESRCH = 3;
    static final int EACCES = 13;
    /** open flags common to x86-64 and aarch64 (O_DIRECTORY and O_NOFOLLOW differ: see {@link ForeignFile}). */
    static final int O_RDONLY = 0;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    /** openat2's syscall number: one for every architecture from Linux 5.6 on. */
    static final long SYS_OPENAT2 = 437;
    /** openat2 resolve flags. */
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_IN_ROOT = 0x10;
    /** statx: the descriptor itself; the fields asked for (the type and the inode number; the device comes too). */
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_TYPE = 0x1;
    static final int STATX_INO = 0x100;

    private final NativeLibrary library;

    private LinuxLibc(NativeLibrary library) {
        this.library = library;
    }

    /**
     * The C function {@code name}; {@code errno}: a failure sets errno, which JNA then throws as
     * {@link LastErrorException}.
     */
    private Function function(String name, boolean errno) {
        return library.getFunction(name, errno ? Function.THROW_LAST_ERROR : Function.C_CONVENTION);
    }

    /** Java has its own locale model; the C library's (which procps follows) is only reachable here. */
    String setlocale(int category, String locale) {
        return function("setlocale", false).invokeString(new Object[] {category, locale}, false);
    }

    /** The C library's character set for the locale set above (Java cannot ask libc). */
    String nl_langinfo(int item) {
        return function("nl_langinfo", false).invokeString(new Object[] {item}, false);
    }

    /** System V shared memory: no Java API at all. */
    int shmget(int key, long size, int shmflg) {
        return function("shmget", false).invokeInt(new Object[] {key, size, shmflg});
    }

    Pointer shmat(int shmid, Pointer shmaddr, int shmflg) {
        return function("shmat", false).invokePointer(new Object[] {shmid, shmaddr, shmflg});
    }

    int shmdt(Pointer shmaddr) {
        return function("shmdt", false).invokeInt(new Object[] {shmaddr});
    }

    int shmctl(int shmid, int cmd, Pointer buf) {
        return function("shmctl", false).invokeInt(new Object[] {shmid, cmd, buf});
    }

    /** Pinning pages in RAM: Java has no API to lock memory. */
    int mlock(Pointer addr, long len) throws LastErrorException {
        return function("mlock", true).invokeInt(new Object[] {addr, len});
    }

    int munlock(Pointer addr, long len) throws LastErrorException {
        return function("munlock", true).invokeInt(new Object[] {addr, len});
    }

    /** Paging advice (transparent huge pages): Java cannot advise the kernel about a range. */
    int madvise(Pointer addr, long length, int advice) throws LastErrorException {
        return function("madvise", true).invokeInt(new Object[] {addr, length, advice});
    }

    /** Which pages of a range are resident: Java cannot ask. {@code vec} gets one byte per page. */
    int mincore(Pointer addr, long length, byte[] vec) throws LastErrorException {
        return function("mincore", true).invokeInt(new Object[] {addr, length, vec});
    }

    /** Resource limits (RLIMIT_MEMLOCK): Java cannot read them. {@code rlim} receives {soft, hard}. */
    int getrlimit(int resource, long[] rlim) throws LastErrorException {
        return function("getrlimit", true).invokeInt(new Object[] {resource, rlim});
    }

    /**
     * Opening with flags Java cannot pass (O_PATH, O_NONBLOCK for a regular file, O_NOCTTY). {@code path} ends in
     * a NUL byte, so that no character set comes between the kernel's name and the call.
     */
    int open(byte[] path, int flags) throws LastErrorException {
        return function("open", true).invokeInt(new Object[] {path, flags});
    }

    /**
     * openat2(2), which glibc does not wrap: {@code how} is struct open_how {flags, mode, resolve}, three u64.
     * Java cannot resolve a path inside another directory as if it were the root.
     */
    long syscall(long number, long dirfd, byte[] path, long[] how, long size) throws LastErrorException {
        return function("syscall", true).invokeLong(new Object[] {number, dirfd, path, how, size});
    }

    /** statx(2) of an open descriptor: Java cannot stat a descriptor. {@code buffer} is a struct statx (256 bytes). */
    int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer) throws LastErrorException {
        return function("statx", true).invokeInt(new Object[] {dirfd, path, flags, mask, buffer});
    }

    /**
     * A symbolic link's text as the kernel's bytes: Java decodes it in the locale's character set, and a byte not
     * valid in it is lost (U+FFFD). {@code path} ends in a NUL byte.
     */
    long readlink(byte[] path, byte[] buffer, long size) throws LastErrorException {
        return function("readlink", true).invokeLong(new Object[] {path, buffer, size});
    }

    /** Reading a descriptor opened here, which no Java stream owns. */
    long read(int fd, byte[] buffer, long count) throws LastErrorException {
        return function("read", true).invokeLong(new Object[] {fd, buffer, count});
    }

    int close(int fd) {
        return function("close", false).invokeInt(new Object[] {fd});
    }

    /**
     * A terminal's size in characters: Java cannot ask it. {@code winsize} receives struct winsize's four unsigned
     * shorts: rows, columns, then the pixel sizes.
     */
    int ioctl(int fd, long request, short[] winsize) throws LastErrorException {
        return function("ioctl", true).invokeInt(new Object[] {fd, request, winsize});
    }

    /**
     * An ioctl whose argument is a struct in native memory (PAGEMAP_SCAN's {@code struct pm_scan_arg}): Java cannot
     * make an ioctl at all.
     */
    int ioctl(int fd, long request, Pointer argument) throws LastErrorException {
        return function("ioctl", true).invokeInt(new Object[] {fd, request, argument});
    }

    /** sysconf(3) for the page size: Java has no public API for it. */
    long sysconf(int name) {
        return function("sysconf", false).invokeLong(new Object[] {name});
    }

    /** sysconf's name of the page size on Linux. */
    static final int SC_PAGESIZE = 30;

    /** The C library's words for an errno: Java has no table of them. */
    String strerror(int errnum) {
        return function("strerror", false).invokeString(new Object[] {errnum}, false);
    }

    /** The loaded library; the first call loads JNA. */
    static LinuxLibc get() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: class initialization happens on the first {@link #get()}. */
    static final class Holder {
        private static final LinuxLibc INSTANCE = load();

        private static LinuxLibc load() {
            Unpacking.useSystemTempDir();
            // The C library by its soname (libc.so.6), which the loader already has: no search for it. And no
            // platform search path either: JNA builds that by running `ldconfig -p` in a child process, some
            // milliseconds of every command that makes a native call (docs/performance.md).
            if (System.getProperty("jna.platform.library.path") == null) {
                System.setProperty("jna.platform.library.path", "");
            }
            return new LinuxLibc(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
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
    static final class Unpacking {
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
