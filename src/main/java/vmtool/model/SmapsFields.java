package vmtool.model;

import java.util.List;

/**
 * The key/value lines of one mapping in /proc/PID/smaps, in the kernel's order. Values are the numbers the kernel
 * wrote (most in kB; THPeligible and ProtectionKey are plain numbers). The name list is shared by all mappings of a
 * file that have the same keys.
 */
public final class SmapsFields {
    private static final SmapsFields NONE = new SmapsFields(List.of(), new long[0], null);

    private final List<String> names;
    /** The values when one of them needs 64 bits (a reservation of 2 TiB or more); else null. */
    private final long[] values;
    /** The values when all fit in 31 bits, as nearly all do: half the memory of a 60,000-mapping -X. */
    private final int[] smallValues;

    /** Fields with these keys (shared between mappings that have the same keys) and values, in kernel order. */
    public static SmapsFields of(List<String> names, long[] values) {
        return of(names, values, values.length);
    }

    /** Fields with these keys and the first {@code count} of {@code values} (which is not kept). */
    public static SmapsFields of(List<String> names, long[] values, int count) {
        if (names.size() != count) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        if (count == 0) {
            return NONE;
        }
        int[] small = new int[count];
        for (int i = 0; i < count; i++) {
            if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                return new SmapsFields(names, java.util.Arrays.copyOf(values, count), null);
            }
            small[i] = (int) values[i];
        }
        return new SmapsFields(names, null, small);
    }

    private SmapsFields(List<String> names, long[] values, int[] smallValues) {
        this.names = names;
        this.values = values;
        this.smallValues = smallValues;
    }

    /** The fields of a mapping read from /proc/PID/maps, which has none. */
    public static SmapsFields none() {
        return NONE;
    }

    public int size() {
        return values != null ? values.length : smallValues.length;
    }

    public String name(int index) {
        return names.get(index);
    }

    public long value(int index) {
        return values != null ? values[index] : smallValues[index];
    }

    /**
     * The values of the fields at {@code indexes}, in that order, into the start of {@code into}: one call where a
     * table wants many fields of each mapping (pmap -X's first rows run in the interpreter, where calls cost most).
     */
    public void values(int[] indexes, long[] into) {
        if (values != null) {
            for (int i = 0; i < indexes.length; i++) {
                into[i] = values[indexes[i]];
            }
        } else {
            for (int i = 0; i < indexes.length; i++) {
                into[i] = smallValues[indexes[i]];
            }
        }
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
        return index < 0 ? 0 : value(index);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SmapsFields that) || !names.equals(that.names) || size() != that.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (value(i) != that.value(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + size();
    }
}
