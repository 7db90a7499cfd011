package vmtool.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vmtool.anatomy.Anatomy;
import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.Region;

/**
 * Compares two snapshots of an address space. Mappings are matched in three passes, each over what the one before
 * left (docs/watch-diff.md):
 * <ol>
 *   <li>by range: the same start, end and name;</li>
 *   <li>by overlap: mappings of the same name and kind whose ranges overlap form one group (resized, split,
 *       merged, regrouped);</li>
 *   <li>by name and kind: when exactly one mapping of a (non-empty) name and kind is left on each side, it moved.</li>
 * </ol>
 * What is left is removed (first only) or added (second only). The passes are linear over address-ordered lists
 * (sorted first, O(n log n), only if a file was not in order), so a 60,000-mapping process is compared at once.
 */
public final class Differ {
    private Differ() {
    }

    /** What changed from {@code before} to {@code after}. */
    public static Diff diff(AddressSpace before, AddressSpace after) {
        Side a = new Side(before);
        Side b = new Side(after);
        List<Diff.Change> changed = byRange(a, b);
        changed.addAll(byOverlapAndName(a, b));
        changed.sort(ChangeByStart.INSTANCE);
        Kinds kinds = kinds(before, after);
        return new Diff(before.source(), after.source(), b.unmatched(), a.unmatched(), changed, kinds.kinds,
                kinds.total);
    }

    /**
     * One snapshot's regions in address order, which of them are matched so far, and their values as diff measures
     * them; an {@link Diff.Entry} is made only for a mapping the diff reports (a 60,000-mapping pair would otherwise
     * hold 120,000 entries, about 10 MB).
     */
    private static final class Side {
        final List<Region> regions;
        final boolean[] matched;
        private final Anatomy.FieldIndex index = new Anatomy.FieldIndex();
        private final long[] fields = new long[Anatomy.FieldIndex.COUNT];

        Side(AddressSpace space) {
            regions = inOrder(space.regions());
            matched = new boolean[regions.size()];
        }

        Mapping mapping(int i) {
            return regions.get(i).mapping();
        }

        Diff.Values values(int i) {
            Mapping mapping = mapping(i);
            index.values(mapping.fields(), fields);
            return new Diff.Values(mapping.sizeKb(), fields[0], fields[1], fields[2] + fields[3], fields[4]);
        }

        Diff.Entry entry(int i) {
            return new Diff.Entry(regions.get(i), values(i));
        }

        /** The entries of the regions no pass matched, in address order. */
        List<Diff.Entry> unmatched() {
            List<Diff.Entry> entries = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                if (!matched[i]) {
                    entries.add(entry(i));
                }
            }
            return entries;
        }
    }

    private record Kinds(List<Diff.KindChange> kinds, Diff.KindChange total) {
    }

    /** The per-kind totals, from the anatomy of each side (which is where kinds are summed). */
    private static Kinds kinds(AddressSpace before, AddressSpace after) {
        Anatomy x = Anatomy.of(before, null);
        Anatomy y = Anatomy.of(after, null);
        Anatomy.KindRow[] rowsX = new Anatomy.KindRow[MappingKind.values().length];
        Anatomy.KindRow[] rowsY = new Anatomy.KindRow[rowsX.length];
        for (Anatomy.KindRow row : x.kinds()) {
            rowsX[row.kind().ordinal()] = row;
        }
        for (Anatomy.KindRow row : y.kinds()) {
            rowsY[row.kind().ordinal()] = row;
        }
        List<Diff.KindChange> kinds = new ArrayList<>();
        for (MappingKind kind : MappingKind.values()) {
            if (rowsX[kind.ordinal()] != null || rowsY[kind.ordinal()] != null) {
                kinds.add(Diff.KindChange.of(kind, rowsX[kind.ordinal()], rowsY[kind.ordinal()]));
            }
        }
        return new Kinds(kinds, Diff.KindChange.of(null, x.total(), y.total()));
    }

    /** The regions in address order: as read, unless a file was not in order. */
    private static List<Region> inOrder(List<Region> regions) {
        for (int i = 1; i < regions.size(); i++) {
            if (Long.compareUnsigned(regions.get(i - 1).mapping().start(), regions.get(i).mapping().start()) >= 0) {
                List<Region> sorted = new ArrayList<>(regions);
                sorted.sort(ByStart.INSTANCE);
                return sorted;
            }
        }
        return regions;
    }

    /**
     * Pass 1: a merge walk over both address-ordered lists; marks the matches and returns those that differ in
     * permissions, kind or values.
     */
    private static List<Diff.Change> byRange(Side a, Side b) {
        List<Diff.Change> changes = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.regions.size() && j < b.regions.size()) {
            Mapping x = a.mapping(i);
            Mapping y = b.mapping(j);
            int order = Long.compareUnsigned(x.start(), y.start());
            if (order < 0) {
                i++;
            } else if (order > 0) {
                j++;
            } else {
                // One start per side: whatever this start holds on either side can match nothing else by range.
                if (x.end() == y.end() && x.name().equals(y.name())) {
                    a.matched[i] = true;
                    b.matched[j] = true;
                    Diff.Values valuesX = a.values(i);
                    Diff.Values valuesY = b.values(j);
                    if (!valuesX.equals(valuesY) || a.regions.get(i).kind() != b.regions.get(j).kind()
                            || !x.perms().equals(y.perms())) {
                        changes.add(new Diff.Change(Diff.Match.RANGE, List.of(new Diff.Entry(a.regions.get(i),
                                valuesX)), List.of(new Diff.Entry(b.regions.get(j), valuesY))));
                    }
                }
                i++;
                j++;
            }
        }
        return changes;
    }

    /** A name and a kind: what passes 2 and 3 group by. Not a record: its equals would bootstrap ObjectMethods. */
    private static final class Key {
        final String name;
        final MappingKind kind;

        Key(String name, MappingKind kind) {
            this.name = name;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && name.equals(that.name) && kind == that.kind;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + kind.ordinal();
        }
    }

    /** The unmatched indexes of each side, by name and kind, each list in address order. */
    private static Map<Key, List<Integer>[]> unmatchedByKey(Side a, Side b) {
        Map<Key, List<Integer>[]> byKey = new HashMap<>();
        for (int side = 0; side < 2; side++) {
            Side entries = side == 0 ? a : b;
            for (int i = 0; i < entries.regions.size(); i++) {
                if (entries.matched[i]) {
                    continue;
                }
                Region region = entries.regions.get(i);
                Key key = new Key(region.mapping().name(), region.kind());
                List<Integer>[] lists = byKey.get(key);
                if (lists == null) {
                    @SuppressWarnings("unchecked")
                    List<Integer>[] fresh = new List[] {new ArrayList<Integer>(), new ArrayList<Integer>()};
                    lists = fresh;
                    byKey.put(key, lists);
                }
                lists[side].add(i);
            }
        }
        return byKey;
    }

    /** Passes 2 and 3, key by key. */
    private static List<Diff.Change> byOverlapAndName(Side a, Side b) {
        List<Diff.Change> changes = new ArrayList<>();
        for (Map.Entry<Key, List<Integer>[]> group : unmatchedByKey(a, b).entrySet()) {
            List<Integer> xs = group.getValue()[0];
            List<Integer> ys = group.getValue()[1];
            if (xs.isEmpty() || ys.isEmpty()) {
                continue;
            }
            overlapping(a, b, xs, ys, changes);
            int leftX = onlyUnmatched(a, xs);
            int leftY = onlyUnmatched(b, ys);
            // Only a named mapping is itself across a move: two anonymous ones have nothing in common but a kind.
            if (leftX >= 0 && leftY >= 0 && !group.getKey().name.isEmpty()) {
                a.matched[leftX] = true;
                b.matched[leftY] = true;
                changes.add(new Diff.Change(Diff.Match.MOVED, List.of(a.entry(leftX)), List.of(b.entry(leftY))));
            }
        }
        return changes;
    }

    /** The one index of these that is still unmatched; -1 when none or several are. */
    private static int onlyUnmatched(Side side, List<Integer> indexes) {
        int left = -1;
        for (int i : indexes) {
            if (!side.matched[i]) {
                if (left >= 0) {
                    return -1;
                }
                left = i;
            }
        }
        return left;
    }

    /**
     * Pass 2 for one key: a sweep over both address-ordered lists at once. Mappings of one side never overlap one
     * another, so a mapping that starts below the group's highest end overlaps one of the other side's.
     */
    private static void overlapping(Side a, Side b, List<Integer> xs, List<Integer> ys, List<Diff.Change> changes) {
        List<Integer> groupA = new ArrayList<>();
        List<Integer> groupB = new ArrayList<>();
        long groupEnd = 0;
        int i = 0;
        int j = 0;
        while (i < xs.size() || j < ys.size()) {
            boolean takeA = j >= ys.size() || i < xs.size()
                    && Long.compareUnsigned(a.mapping(xs.get(i)).start(), b.mapping(ys.get(j)).start()) <= 0;
            Mapping mapping = takeA ? a.mapping(xs.get(i)) : b.mapping(ys.get(j));
            boolean joins = !(groupA.isEmpty() && groupB.isEmpty())
                    && Long.compareUnsigned(mapping.start(), groupEnd) < 0;
            if (!joins) {
                close(a, b, groupA, groupB, changes);
                groupEnd = mapping.end();
            } else if (Long.compareUnsigned(mapping.end(), groupEnd) > 0) {
                groupEnd = mapping.end();
            }
            if (takeA) {
                groupA.add(xs.get(i++));
            } else {
                groupB.add(ys.get(j++));
            }
        }
        close(a, b, groupA, groupB, changes);
    }

    /** Ends an overlap group: a change when both sides are in it; then starts afresh. */
    private static void close(Side a, Side b, List<Integer> groupA, List<Integer> groupB,
                              List<Diff.Change> changes) {
        if (!groupA.isEmpty() && !groupB.isEmpty()) {
            List<Diff.Entry> before = new ArrayList<>(groupA.size());
            for (int x : groupA) {
                a.matched[x] = true;
                before.add(a.entry(x));
            }
            List<Diff.Entry> after = new ArrayList<>(groupB.size());
            for (int y : groupB) {
                b.matched[y] = true;
                after.add(b.entry(y));
            }
            Diff.Match match = before.size() == 1 && after.size() == 1 ? Diff.Match.RESIZED
                    : before.size() == 1 ? Diff.Match.SPLIT
                    : after.size() == 1 ? Diff.Match.MERGED : Diff.Match.REGROUPED;
            changes.add(new Diff.Change(match, before, after));
        }
        groupA.clear();
        groupB.clear();
    }

    /** Regions by start address, unsigned (a named class: no lambda on diff's path). */
    private static final class ByStart implements Comparator<Region> {
        static final ByStart INSTANCE = new ByStart();

        @Override
        public int compare(Region x, Region y) {
            return Long.compareUnsigned(x.mapping().start(), y.mapping().start());
        }
    }

    /** Changes by the start of their first mapping before. */
    private static final class ChangeByStart implements Comparator<Diff.Change> {
        static final ChangeByStart INSTANCE = new ChangeByStart();

        @Override
        public int compare(Diff.Change x, Diff.Change y) {
            return ByStart.INSTANCE.compare(x.before().get(0).region(), y.before().get(0).region());
        }
    }
}
