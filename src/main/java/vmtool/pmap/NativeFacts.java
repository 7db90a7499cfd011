package vmtool.pmap;

import java.util.List;
import java.util.OptionalInt;

import com.sun.jna.Pointer;

import vmtool.nativeio.LinuxLibc;
import vmtool.model.Mapping;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * The two facts pmap's output depends on that only libc can tell: the locale's character set, and the device
 * minor of System V shared memory. Each is found once, and only when a process's output needs it, so that most
 * runs never load native code.
 */
final class NativeFacts {
    private final ProcFs procFs;
    private Boolean utf8Locale;
    private OptionalInt shmMinor;

    NativeFacts(ProcFs procFs) {
        this.procFs = procFs;
    }

    /** Whether the C library's locale, set from the environment as pmap sets it, uses UTF-8. */
    boolean utf8Locale() {
        if (utf8Locale == null) {
            utf8Locale = askUtf8Locale();
        }
        return utf8Locale;
    }

    private static boolean askUtf8Locale() {
        try {
            LinuxLibc libc = LinuxLibc.get();
            libc.setlocale(LinuxLibc.LC_ALL, "");
            String codeset = libc.nl_langinfo(LinuxLibc.CODESET);
            return codeset != null && codeset.equalsIgnoreCase("UTF-8");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // Without native access, judge by the environment as the C library would for installed locales.
            String locale = firstSet("LC_ALL", "LC_CTYPE", "LANG");
            return locale != null && (locale.toUpperCase().contains("UTF-8") || locale.toUpperCase().contains("UTF8"));
        }
    }

    private static String firstSet(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /**
     * The device minor of System V shared memory, learnt as procps learns it: attach a small segment of our own
     * and look at its line in /proc/self/maps. Empty when that cannot be done (then, as in procps, no mapping is
     * shown as {@code [ shmid=0x.. ]}).
     */
    OptionalInt shmMinor() {
        if (shmMinor == null) {
            shmMinor = probeShmMinor();
        }
        return shmMinor;
    }

    private OptionalInt probeShmMinor() {
        LinuxLibc libc;
        try {
            libc = LinuxLibc.get();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return OptionalInt.empty();
        }
        int id = libc.shmget(LinuxLibc.IPC_PRIVATE, 42, LinuxLibc.IPC_CREAT | 0600);
        if (id == -1) {
            return OptionalInt.empty();
        }
        try {
            Pointer address = libc.shmat(id, null, LinuxLibc.SHM_RDONLY);
            if (Pointer.nativeValue(address) == -1L) {
                return OptionalInt.empty();
            }
            try {
                return minorOfSegmentAt(Pointer.nativeValue(address));
            } finally {
                libc.shmdt(address);
            }
        } finally {
            libc.shmctl(id, LinuxLibc.IPC_RMID, null);
        }
    }

    private OptionalInt minorOfSegmentAt(long address) {
        try {
            List<Mapping> own = procFs.ownMappings();
            for (Mapping mapping : own) {
                if (Long.compareUnsigned(mapping.start(), address) <= 0
                        && Long.compareUnsigned(address, mapping.end()) < 0
                        && mapping.device().major() == 0 && mapping.perms().shared() && mapping.name().contains("/SYSV")) {
                    return OptionalInt.of(mapping.device().minor());
                }
            }
        } catch (ProcException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
