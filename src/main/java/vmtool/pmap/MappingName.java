package vmtool.pmap;

import java.util.OptionalInt;

import vmtool.model.Mapping;
import vmtool.model.ProcessInfo;

/** The Mapping column of the default, {@code -x} and {@code -d} modes. */
final class MappingName {
    static final String ANON = "  [ anon ]";
    static final String STACK = "  [ stack ]";

    private MappingName() {
    }

    /**
     * The name pmap shows: {@code [ shmid=0x.. ]} for System V shared memory, the base name (or with {@code -p} the
     * path) of a file, the kernel's bracketed name with {@code -k}, else {@code [ stack ]} or {@code [ anon ]}.
     * Bytes outside printable ASCII show as {@code ?}.
     *
     * @param shmMinor the device minor of System V shared memory on this machine, if known
     */
    static String of(Mapping mapping, ProcessInfo process, PmapConfig config, OptionalInt shmMinor) {
        String name = printable(mapping.name());
        if (isSysvShm(mapping, name, shmMinor)) {
            return "  [ shmid=0x" + Long.toHexString(Long.parseUnsignedLong(mapping.inodeText())) + " ]";
        }
        int lastSlash = name.lastIndexOf('/');
        if (lastSlash >= 0) {
            if (config.showPath()) {
                return name.substring(name.indexOf('/'));
            }
            return lastSlash + 1 < name.length() ? name.substring(lastSlash + 1) : "/";
        }
        if (config.kernelNames() && name.endsWith("]") && name.indexOf('[') >= 0) {
            return name.substring(name.indexOf('['));
        }
        long stack = process.startStack();
        boolean holdsStack = Long.compareUnsigned(stack, mapping.start()) >= 0
                && Long.compareUnsigned(stack, mapping.end()) <= 0;
        return holdsStack ? STACK : ANON;
    }

    /** Whether the mapping might be System V shared memory, so that the shm device minor is worth finding. */
    static boolean mayBeSysvShm(Mapping mapping) {
        return mapping.device().major() == 0 && mapping.name().contains("/SYSV");
    }

    private static boolean isSysvShm(Mapping mapping, String name, OptionalInt shmMinor) {
        return shmMinor.isPresent() && mapping.device().major() == 0 && mapping.device().minor() == shmMinor.getAsInt()
                && name.contains("/SYSV");
    }

    private static String printable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                char[] chars = name.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] < 0x20 || chars[j] > 0x7e) {
                        chars[j] = '?';
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }
}
