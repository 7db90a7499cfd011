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
     * A terminal's size in characters: Java cannot ask it. {@code winsize} receives struct winsize's four unsigned
     * shorts: rows, columns, then the pixel sizes.
     */
    int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

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
            return Native.load("c", LinuxLibc.class);
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
