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
        List<Diff.Entry> a = entries(before);
        List<Diff.Entry> b = entries(after);
        boolean[] matchedA = new boolean[a.size()];
        boolean[] matchedB = new boolean[b.size()];
        List<Diff.Change> changed = new ArrayList<>();
        List<int[]> rangeMatches = byRange(a, b, matchedA, matchedB);
        for (int[] pair : rangeMatches) {
            Diff.Entry x = a.get(pair[0]);
            Diff.Entry y = b.get(pair[1]);
            if (!same(x, y)) {
                changed.add(new Diff.Change(Diff.Match.RANGE, List.of(x), List.of(y)));
            }
        }
        changed.addAll(byOverlapAndName(a, b, matchedA, matchedB));
        changed.sort(ChangeByStart.INSTANCE);
        List<Diff.Entry> removed = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!matchedA[i]) {
                removed.add(a.get(i));
            }
        }
        List<Diff.Entry> added = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (!matchedB[i]) {
                added.add(b.get(i));
            }
        }
        Kinds kinds = kinds(before, after);
        return new Diff(before.source(), after.source(), added, removed, changed, kinds.kinds, kinds.total);
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

    /** Each mapping with its values, in address order. */
    static List<Diff.Entry> entries(AddressSpace space) {
        Anatomy.FieldIndex index = new Anatomy.FieldIndex();
        long[] values = new long[Anatomy.FieldIndex.COUNT];
        List<Diff.Entry> entries = new ArrayList<>(space.regions().size());
        boolean ordered = true;
        long previousStart = 0;
        for (Region region : space.regions()) {
            Mapping mapping = region.mapping();
            index.values(mapping.fields(), values);
            entries.add(new Diff.Entry(region, new Diff.Values(mapping.sizeKb(), values[0], values[1],
                    values[2] + values[3], values[4])));
            ordered &= entries.size() == 1 || Long.compareUnsigned(previousStart, mapping.start()) < 0;
            previousStart = mapping.start();
        }
        if (!ordered) {
            entries.sort(ByStart.INSTANCE);
        }
        return entries;
    }

    /** Pass 1: a merge walk over both address-ordered lists; returns the matched index pairs. */
    private static List<int[]> byRange(List<Diff.Entry> a, List<Diff.Entry> b, boolean[] matchedA,
                                       boolean[] matchedB) {
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Mapping x = a.get(i).region().mapping();
            Mapping y = b.get(j).region().mapping();
            int order = Long.compareUnsigned(x.start(), y.start());
            if (order < 0) {
                i++;
            } else if (order > 0) {
                j++;
            } else {
                // One start per side: whatever this start holds on either side can match nothing else by range.
                if (x.end() == y.end() && x.name().equals(y.name())) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    pairs.add(new int[] {i, j});
                }
                i++;
                j++;
            }
        }
        return pairs;
    }

    /** Whether two mappings matched by range show no difference. */
    private static boolean same(Diff.Entry x, Diff.Entry y) {
        return x.values().equals(y.values()) && x.region().kind() == y.region().kind()
                && x.region().mapping().perms().equals(y.region().mapping().perms());
    }

    private record Key(String name, MappingKind kind) {
    }

    /** The unmatched indexes of each side, by name and kind, each list in address order. */
    private static Map<Key, List<Integer>[]> unmatchedByKey(List<Diff.Entry> a, List<Diff.Entry> b,
                                                          boolean[] matchedA, boolean[] matchedB) {
        Map<Key, List<Integer>[]> byKey = new HashMap<>();
        for (int side = 0; side < 2; side++) {
            List<Diff.Entry> entries = side == 0 ? a : b;
            boolean[] matched = side == 0 ? matchedA : matchedB;
            for (int i = 0; i < entries.size(); i++) {
                if (matched[i]) {
                    continue;
                }
                Region region = entries.get(i).region();
                Key key = new Key(region.mapping().name(), region.kind());
                @SuppressWarnings("unchecked")
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
    private static List<Diff.Change> byOverlapAndName(List<Diff.Entry> a, List<Diff.Entry> b, boolean[] matchedA,
                                                      boolean[] matchedB) {
        List<Diff.Change> changes = new ArrayList<>();
        for (Map.Entry<Key, List<Integer>[]> group : unmatchedByKey(a, b, matchedA, matchedB).entrySet()) {
            List<Integer> xs = group.getValue()[0];
            List<Integer> ys = group.getValue()[1];
            if (xs.isEmpty() || ys.isEmpty()) {
                continue;
            }
            overlapping(a, b, xs, ys, matchedA, matchedB, changes);
            int leftX = -1;
            int countX = 0;
            for (int x : xs) {
                if (!matchedA[x]) {
                    leftX = x;
                    countX++;
                }
            }
            int leftY = -1;
            int countY = 0;
            for (int y : ys) {
                if (!matchedB[y]) {
                    leftY = y;
                    countY++;
                }
            }
            // Only a named mapping is itself across a move: two anonymous ones have nothing in common but a kind.
            if (countX == 1 && countY == 1 && !group.getKey().name().isEmpty()) {
                matchedA[leftX] = true;
                matchedB[leftY] = true;
                changes.add(new Diff.Change(Diff.Match.MOVED, List.of(a.get(leftX)), List.of(b.get(leftY))));
            }
        }
        return changes;
    }

    /**
     * Pass 2 for one key: a sweep over both address-ordered lists at once. Mappings of one side never overlap one
     * another, so a mapping that starts below the group's highest end overlaps one of the other side's.
     */
    private static void overlapping(List<Diff.Entry> a, List<Diff.Entry> b, List<Integer> xs, List<Integer> ys,
                                    boolean[] matchedA, boolean[] matchedB, List<Diff.Change> changes) {
        List<Diff.Entry> groupA = new ArrayList<>();
        List<Diff.Entry> groupB = new ArrayList<>();
        List<Integer> indexesA = new ArrayList<>();
        List<Integer> indexesB = new ArrayList<>();
        long groupEnd = 0;
        int i = 0;
        int j = 0;
        while (i < xs.size() || j < ys.size()) {
            boolean takeA = j >= ys.size() || i < xs.size() && Long.compareUnsigned(
                    a.get(xs.get(i)).region().mapping().start(), b.get(ys.get(j)).region().mapping().start()) <= 0;
            Diff.Entry entry = takeA ? a.get(xs.get(i)) : b.get(ys.get(j));
            Mapping mapping = entry.region().mapping();
            boolean joins = !(groupA.isEmpty() && groupB.isEmpty())
                    && Long.compareUnsigned(mapping.start(), groupEnd) < 0;
            if (!joins) {
                close(groupA, groupB, indexesA, indexesB, matchedA, matchedB, changes);
                groupEnd = mapping.end();
            } else if (Long.compareUnsigned(mapping.end(), groupEnd) > 0) {
                groupEnd = mapping.end();
            }
            if (takeA) {
                groupA.add(entry);
                indexesA.add(xs.get(i++));
            } else {
                groupB.add(entry);
                indexesB.add(ys.get(j++));
            }
        }
        close(groupA, groupB, indexesA, indexesB, matchedA, matchedB, changes);
    }

    /** Ends an overlap group: a change when both sides are in it; then starts afresh. */
    private static void close(List<Diff.Entry> groupA, List<Diff.Entry> groupB, List<Integer> indexesA,
                              List<Integer> indexesB, boolean[] matchedA, boolean[] matchedB,
                              List<Diff.Change> changes) {
        if (!groupA.isEmpty() && !groupB.isEmpty()) {
            for (int x : indexesA) {
                matchedA[x] = true;
            }
            for (int y : indexesB) {
                matchedB[y] = true;
            }
            Diff.Match match = groupA.size() == 1 && groupB.size() == 1 ? Diff.Match.RESIZED
                    : groupA.size() == 1 ? Diff.Match.SPLIT
                    : groupB.size() == 1 ? Diff.Match.MERGED : Diff.Match.REGROUPED;
            changes.add(new Diff.Change(match, groupA, groupB));
        }
        groupA.clear();
        groupB.clear();
        indexesA.clear();
        indexesB.clear();
    }

    /** Entries by start address, unsigned (a named class: no lambda on diff's path). */
    private static final class ByStart implements Comparator<Diff.Entry> {
        static final ByStart INSTANCE = new ByStart();

        @Override
        public int compare(Diff.Entry x, Diff.Entry y) {
            return Long.compareUnsigned(x.region().mapping().start(), y.region().mapping().start());
        }
    }

    /** Changes by the start of their first mapping before. */
    private static final class ChangeByStart implements Comparator<Diff.Change> {
        static final ChangeByStart INSTANCE = new ChangeByStart();

        @Override
        public int compare(Diff.Change x, Diff.Change y) {
            return ByStart.INSTANCE.compare(x.before().get(0), y.before().get(0));
        }
    }
}
