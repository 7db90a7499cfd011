package vmtool.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Gives SIGQUIT back its default action (end the process, as for a C program). The JVM keeps SIGQUIT for its thread
 * dump and refuses it to {@code sun.misc.Signal}, so only libc's {@code signal} can. A direct mapping, not a
 * {@link LinuxLibc} method: loading that library proxy costs touch ~200 classes of resident memory.
 */
public final class DefaultSignalAction {
    /** SIGQUIT on Linux. */
    private static final int SIGQUIT = 3;

    static {
        LinuxLibc.Unpacking.useSystemTempDir();
        Native.register("c");
    }

    private DefaultSignalAction() {
    }

    private static native Pointer signal(int signum, Pointer handler);

    /** From now on SIGQUIT ends the process (status 131), and the JVM writes no thread dump. */
    public static void forQuit() {
        signal(SIGQUIT, null);
    }
}
