package vmtool.pmap;

import java.util.OptionalInt;

import vmtool.model.Classifier;
import vmtool.model.Mapping;

/**
 * The Mapping column, as procps prints it: one rule for the maps modes (default, {@code -x}, {@code -d}), another for
 * the detail table ({@code -X}, {@code -XX}, rc). What a mapping is comes from the classifier (here only whether it is a
 * System V segment on the shm mount, {@link Classifier#isSysvSegmentOn}); how procps names it is decided here.
 */
final class MappingName {
    static final String ANON = "  [ anon ]";
    static final String STACK = "  [ stack ]";

    /** The detail table shows at most this many bytes of the name (procps's {@code %127[^\n]}). */
    private static final int DETAIL_LIMIT = 127;

    private MappingName() {
    }

    /**
     * The maps modes' name: {@code [ shmid=0x.. ]} for System V shared memory, the base name (or with {@code -p} the
     * path) of a file, the kernel's bracketed name with {@code -k}, else {@code [ stack ]} or {@code [ anon ]}.
     * Bytes outside printable ASCII show as {@code ?}.
     *
     * @param startStack the main stack's start from /proc/PID/stat: procps prints {@code [ stack ]} for an unnamed
     *                   or bracketed mapping that holds it, and {@code [ anon ]} for {@code [stack]} when stat hides it
     * @param shmMinor   the device minor of System V shared memory on this machine, if known: procps names a
     *                   segment only when its minor is that one
     */
    static TextSink ofMapsModes(TextSink out, Mapping mapping, long startStack, PmapConfig config,
                                OptionalInt shmMinor) {
        if (shmMinor.isPresent() && Classifier.isSysvSegmentOn(mapping, shmMinor.getAsInt())) {
            return out.append("  [ shmid=0x").append(Long.toHexString(mapping.inode())).append(" ]");
        }
        String name = printable(mapping.name());
        int lastSlash = name.lastIndexOf('/');
        if (lastSlash >= 0) {
            if (config.showPath()) {
                return out.append(name, name.indexOf('/'), name.length());
            }
            return lastSlash + 1 < name.length() ? out.append(name, lastSlash + 1, name.length()) : out.append('/');
        }
        if (config.kernelNames() && name.endsWith("]") && name.indexOf('[') >= 0) {
            return out.append(name, name.indexOf('['), name.length());
        }
        return out.append(mapping.holdsStackStart(startStack) ? STACK : ANON);
    }

    /**
     * The detail table's name: the kernel's text cut to 127 bytes, then its base name unless {@code -p}. Appended
     * from the name itself, without a substring per row.
     */
    static TextSink ofDetailModes(TextSink out, Mapping mapping, boolean showPath) {
        String name = mapping.name();
        int end = name.length() > DETAIL_LIMIT ? DETAIL_LIMIT : name.length();
        int from = showPath ? 0 : name.lastIndexOf('/', end - 1) + 1;
        return out.append(name, from, end);
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
