package vmtool.programs;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * One process's memory totals, as /proc/PID/smaps_rollup gives them in one read: every {@link RollupField} in kB,
 * or absent when this kernel does not write it. USS (what the process alone uses) is Private_Clean +
 * Private_Dirty, as smem and psutil define it.
 */
public final class Rollup {
    /** What the kernel's smaps_rollup lacks, as the value array holds it. */
    private static final long ABSENT = -1;
    /** A process with no memory of its own (a kernel thread, a zombie): every required field 0. */
    public static final Rollup NONE = new Rollup(zeros());

    private final long[] kb;

    private Rollup(long[] kb) {
        this.kb = kb;
    }

    /** A builder that parsers fill, field by field. */
    public static Builder builder() {
        return new Builder();
    }

    public OptionalLong kb(RollupField field) {
        long value = kb[field.ordinal()];
        return value == ABSENT ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public boolean has(RollupField field) {
        return kb[field.ordinal()] != ABSENT;
    }

    public long rssKb() {
        return kb[RollupField.RSS.ordinal()];
    }

    public long pssKb() {
        return kb[RollupField.PSS.ordinal()];
    }

    /** Unique set size: Private_Clean + Private_Dirty. */
    public long ussKb() {
        return kb[RollupField.PRIVATE_CLEAN.ordinal()] + kb[RollupField.PRIVATE_DIRTY.ordinal()];
    }

    public long swapKb() {
        return kb[RollupField.SWAP.ordinal()];
    }

    /** Field by field sums of both; a field absent from either is absent from the sum. */
    public Rollup plus(Rollup other) {
        long[] sum = new long[kb.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = kb[i] == ABSENT || other.kb[i] == ABSENT ? ABSENT : kb[i] + other.kb[i];
        }
        return new Rollup(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rollup that && Arrays.equals(kb, that.kb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kb);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Rollup[");
        for (RollupField field : RollupField.values()) {
            if (has(field)) {
                text.append(text.length() > 7 ? " " : "").append(field.key()).append('=').append(kb[field.ordinal()]);
            }
        }
        return text.append(']').toString();
    }

    private static long[] zeros() {
        long[] values = new long[RollupField.count()];
        for (RollupField field : RollupField.values()) {
            values[field.ordinal()] = field.required() ? 0 : ABSENT;
        }
        return values;
    }

    /** Collects a rollup's fields; {@link #build} says which required one is missing. */
    public static final class Builder {
        private final long[] kb = new long[RollupField.count()];

        private Builder() {
            Arrays.fill(kb, ABSENT);
        }

        /** Sets a field; false when it was set already (the text names it twice). */
        public boolean set(RollupField field, long valueKb) {
            if (valueKb < 0) {
                throw new IllegalArgumentException("negative kB: " + valueKb);
            }
            boolean first = kb[field.ordinal()] == ABSENT;
            kb[field.ordinal()] = valueKb;
            return first;
        }

        /** The first required field not set, or null when all are. */
        public RollupField missing() {
            for (RollupField field : RollupField.values()) {
                if (field.required() && kb[field.ordinal()] == ABSENT) {
                    return field;
                }
            }
            return null;
        }

        /** The rollup; every required field must be set ({@link #missing}). */
        public Rollup build() {
            RollupField missing = missing();
            if (missing != null) {
                throw new IllegalStateException("no " + missing.key());
            }
            return new Rollup(kb.clone());
        }
    }
}
