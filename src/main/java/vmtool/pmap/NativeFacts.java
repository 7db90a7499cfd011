package vmtool.pmap;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import vmtool.model.Classifier;
import vmtool.model.Mapping;
import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;
import vmtool.nativeio.SysvSegment;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * The two facts pmap's output depends on that only libc can tell: the locale's character set, and the device
 * minor of System V shared memory. Each is found once, and only when a process's output needs it, so that most
 * runs never load native code.
 */
final class NativeFacts {
    private final ProcFs procFs;
    /** The locale variables, for when libc cannot be asked. */
    private final Map<String, String> environment;
    private Boolean utf8Locale;
    private OptionalInt shmMinor;

    NativeFacts(ProcFs procFs, Map<String, String> environment) {
        this.procFs = procFs;
        this.environment = environment;
    }

    /** Whether the C library's locale, set from the environment as pmap sets it, uses UTF-8. */
    boolean utf8Locale() {
        if (utf8Locale == null) {
            utf8Locale = askUtf8Locale();
        }
        return utf8Locale;
    }

    private boolean askUtf8Locale() {
        try {
            String codeset = Libc.localeCodeset();
            return codeset != null && codeset.equalsIgnoreCase("UTF-8");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // Without native access, judge by the environment as the C library would for installed locales.
            String locale = firstSet("LC_ALL", "LC_CTYPE", "LANG");
            return locale != null && (locale.toUpperCase().contains("UTF-8") || locale.toUpperCase().contains("UTF8"));
        }
    }

    private String firstSet(String... names) {
        for (String name : names) {
            String value = environment.get(name);
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
            shmMinor = ShmProbe.minor(procFs);
        }
        return shmMinor;
    }

    /**
     * A class of its own because the verifier loads every exception class a method catches as soon as it checks
     * the method's class: here, so that the nativeio classes load only for a process with a SysV mapping.
     */
    private static final class ShmProbe {
        private ShmProbe() {
        }

        static OptionalInt minor(ProcFs procFs) {
            try (SysvSegment segment = SysvSegment.attachNew(42)) {
                return minorOfSegmentAt(procFs, segment.address());
            } catch (LibcException | UnsatisfiedLinkError | NoClassDefFoundError e) {
                return OptionalInt.empty();
            }
        }

        private static OptionalInt minorOfSegmentAt(ProcFs procFs, long address) {
            try {
                List<Mapping> own = procFs.ownMappings();
                for (Mapping mapping : own) {
                    if (Long.compareUnsigned(mapping.start(), address) <= 0
                            && Long.compareUnsigned(address, mapping.end()) < 0
                            && Classifier.isSysvSegment(mapping)) {
                        return OptionalInt.of(mapping.device().minor());
                    }
                }
            } catch (ProcException e) {
                return OptionalInt.empty();
            }
            return OptionalInt.empty();
        }
    }
}
