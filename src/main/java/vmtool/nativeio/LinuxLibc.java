package vmtool.nativeio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls vmtool makes through JNA, and only those; each says why Java lacks it.
 * Loaded on first use ({@link #get()}), so a command that needs none of them never loads native code.
 */
public interface LinuxLibc extends Library {
    /** LC_ALL on glibc. */
    int LC_ALL = 6;
    /** CODESET for nl_langinfo on glibc: the character set of LC_CTYPE. */
    int CODESET = 14;
    /** IPC_PRIVATE, IPC_CREAT, IPC_RMID and SHM_RDONLY on Linux. */
    int IPC_PRIVATE = 0;
    int IPC_CREAT = 01000;
    int IPC_RMID = 0;
    int SHM_RDONLY = 010000;

    /** Java has its own locale model; the C library's (which procps follows) is only reachable here. */
    String setlocale(int category, String locale);

    /** The C library's character set for the locale set above (Java cannot ask libc). */
    String nl_langinfo(int item);

    /** System V shared memory: no Java API at all. */
    int shmget(int key, long size, int shmflg);

    Pointer shmat(int shmid, Pointer shmaddr, int shmflg);

    int shmdt(Pointer shmaddr);

    int shmctl(int shmid, int cmd, Pointer buf);

    /** The loaded library; the first call loads JNA. */
    static LinuxLibc get() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: class initialization happens on the first {@link #get()}. */
    final class Holder {
        private static final LinuxLibc INSTANCE = Native.load("c", LinuxLibc.class);

        private Holder() {
        }
    }
}
