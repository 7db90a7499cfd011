package vmtool.anatomy;

import vmtool.model.ByteText;
import vmtool.model.Region;

/** What a region is called for people, in --detail and {@code where}. */
public final class Describe {
    private Describe() {
    }

    /** {@link #name} as people are shown it on a terminal ({@link ByteText#shown}). */
    public static String shownName(Region region) {
        return ByteText.shown(name(region));
    }

    /**
     * A thread's stack (or its guard) by its thread, a JVM region by what the JVM calls it, anything else by the
     * kernel's name (a path, {@code [heap]}, {@code [anon:NAME]}) or else its label (a bss by its program); empty for
     * plain anonymous memory. Byte text, as the kernel wrote the names: for CSV, and for {@link #shownName}.
     */
    public static String name(Region region) {
        if (region.tid() != 0) {
            return "thread " + region.tid() + (region.label().isEmpty() ? "" : " (" + region.label() + ")");
        }
        if (region.kind().isJvm()) {
            return region.label();
        }
        // bss and a library's anonymous part have no name of their own: the file they belong to says what they are.
        return region.mapping().name().isEmpty() ? region.label() : region.mapping().name();
    }
}
