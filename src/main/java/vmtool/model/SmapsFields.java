package vmtool.model;

import java.util.List;

/**
 * The key/value lines of one mapping in /proc/PID/smaps, in the kernel's order. Values are the numbers the kernel
 * wrote (most in kB; THPeligible and ProtectionKey are plain numbers). The name list is shared by all mappings of a
 * file that have the same keys.
 */
public final class SmapsFields {
    private static final SmapsFields NONE = new SmapsFields(List.of(), new long[0]);

    private final List<String> names;
    private final long[] values;

    /** Fields with these keys (shared between mappings that have the same keys) and values, in kernel order. */
    public static SmapsFields of(List<String> names, long[] values) {
        return values.length == 0 ? NONE : new SmapsFields(names, values);
    }

    private SmapsFields(List<String> names, long[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.names = names;
        this.values = values;
    }

    /** The fields of a mapping read from /proc/PID/maps, which has none. */
    public static SmapsFields none() {
        return NONE;
    }

    public int size() {
        return values.length;
    }

    public String name(int index) {
        return names.get(index);
    }

    public long value(int index) {
        return values[index];
    }

    /** The key names in kernel order (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /** The index of the key with this name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The value of the key with this name, or 0 when this kernel does not write that key. */
    public long valueOf(String name) {
        int index = names.indexOf(name);
        return index < 0 ? 0 : values[index];
    }
}
