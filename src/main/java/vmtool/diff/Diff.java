package vmtool.diff;

import java.util.List;

import vmtool.anatomy.Anatomy;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/**
 * What changed from one snapshot of an address space to another: made by {@link Differ#diff}, laid out by
 * {@link DiffRenderers}. docs/watch-diff.md gives the matching rules.
 *
 * @param before  the first snapshot's source (a file name, or /proc/PID/smaps)
 * @param after   the second's
 * @param added   mappings only in the second, in address order
 * @param removed mappings only in the first, in address order
 * @param changed matched mappings whose range, permissions, kind or values differ, in the first's address order
 * @param kinds   every kind present in either, in {@link MappingKind} order: its totals before and after
 * @param total   all mappings' totals before and after ({@code kind} null)
 */
public record Diff(String before, String after, List<Entry> added, List<Entry> removed, List<Change> changed,
                   List<KindChange> kinds, KindChange total) {
    public Diff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        kinds = List.copyOf(kinds);
    }

    /** Whether anything differs: diff's status 1. */
    public boolean differs() {
        return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }

    /** How a change's mappings were matched (docs/watch-diff.md). */
    public enum Match {
        /** The same range and name: only permissions, kind or values differ. */
        RANGE("same range"),
        /** One mapping whose range changed but overlaps its old one (grown, shrunk, moved in part). */
        RESIZED("resized"),
        /** One mapping became several overlapping ones (mprotect, munmap of a middle part). */
        SPLIT("split"),
        /** Several became one (the kernel merged neighbours). */
        MERGED("merged"),
        /** Several overlapping became several others. */
        REGROUPED("regrouped"),
        /** The only mapping of its name and kind on both sides, at a range that does not overlap the old. */
        MOVED("moved");

        private final String id;

        Match(String id) {
            this.id = id;
        }

        /** The id in JSON and CSV. */
        public String id() {
            return id;
        }
    }

    /**
     * The sizes diff compares, in kB.
     *
     * @param dirtyKb Shared_Dirty + Private_Dirty, as the anatomy counts it
     */
    public record Values(long sizeKb, long rssKb, long pssKb, long dirtyKb, long swapKb) {
        public static final Values ZERO = new Values(0, 0, 0, 0, 0);

        public Values plus(Values other) {
            return new Values(sizeKb + other.sizeKb, rssKb + other.rssKb, pssKb + other.pssKb,
                    dirtyKb + other.dirtyKb, swapKb + other.swapKb);
        }

        public Values minus(Values other) {
            return new Values(sizeKb - other.sizeKb, rssKb - other.rssKb, pssKb - other.pssKb,
                    dirtyKb - other.dirtyKb, swapKb - other.swapKb);
        }

        static Values of(Anatomy.KindRow row) {
            return row == null ? ZERO : new Values(row.sizeKb(), row.rssKb(), row.pssKb(), row.dirtyKb(), row.swapKb());
        }

        /** Written out: a record's own equals bootstraps java.lang.runtime.ObjectMethods (StartupPathTest). */
        @Override
        public boolean equals(Object other) {
            return other instanceof Values that && sizeKb == that.sizeKb && rssKb == that.rssKb
                    && pssKb == that.pssKb && dirtyKb == that.dirtyKb && swapKb == that.swapKb;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(((sizeKb * 31 + rssKb) * 31 + pssKb) * 31 + dirtyKb) * 31 + Long.hashCode(swapKb);
        }
    }

    /** A mapping and its values. */
    public record Entry(Region region, Values values) {
    }

    /**
     * Matched mappings that differ.
     *
     * @param match  how they were matched
     * @param before the first snapshot's mappings (one, or several for {@link Match#MERGED})
     * @param after  the second's
     */
    public record Change(Match match, List<Entry> before, List<Entry> after) {
        public Change {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public Values beforeValues() {
            return sum(before);
        }

        public Values afterValues() {
            return sum(after);
        }

        /** After minus before. */
        public Values delta() {
            return afterValues().minus(beforeValues());
        }

        private static Values sum(List<Entry> entries) {
            Values sum = Values.ZERO;
            for (Entry entry : entries) {
                sum = sum.plus(entry.values());
            }
            return sum;
        }
    }

    /**
     * A kind's totals (or all mappings', {@code kind} null) in both snapshots.
     *
     * @param mappingsBefore how many mappings of the kind the first had
     */
    public record KindChange(MappingKind kind, int mappingsBefore, int mappingsAfter, Values before, Values after) {
        public Values delta() {
            return after.minus(before);
        }

        static KindChange of(MappingKind kind, Anatomy.KindRow before, Anatomy.KindRow after) {
            return new KindChange(kind, before == null ? 0 : before.mappings(), after == null ? 0 : after.mappings(),
                    Values.of(before), Values.of(after));
        }
    }
}
