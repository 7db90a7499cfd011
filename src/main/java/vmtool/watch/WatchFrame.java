package vmtool.watch;

import java.util.ArrayList;
import java.util.List;

import vmtool.anatomy.Anatomy;
import vmtool.diff.Diff;
import vmtool.model.MappingKind;

/**
 * One refresh of {@code vmtool watch}: each kind's Rss and Size now, and their change since the watch began and
 * since the refresh before; the mappings that appeared and vanished since then. Made from anatomies and a
 * {@link Diff} alone, so that it is computed, and tested, without a process.
 *
 * @param refresh   which refresh this is, from 1
 * @param rows      every kind present now, at the start or at the last refresh, in {@link MappingKind} order
 * @param total     all mappings ({@code kind} null)
 * @param appeared  mappings added since the last refresh (none at the first)
 * @param vanished  mappings removed since the last refresh
 */
public record WatchFrame(int refresh, List<Row> rows, Row total, List<Diff.Entry> appeared,
                         List<Diff.Entry> vanished) {
    public WatchFrame {
        rows = List.copyOf(rows);
        appeared = List.copyOf(appeared);
        vanished = List.copyOf(vanished);
    }

    /** A kind now, and its change since the start and since the last refresh (kB, mappings). */
    public record Row(MappingKind kind, int mappings, long sizeKb, long sizeSinceStart, long sizeSinceLast,
                      long rssKb, long rssSinceStart, long rssSinceLast) {
    }

    /**
     * @param first     the anatomy at the watch's start
     * @param previous  at the refresh before (the same as {@code first} for the first refresh)
     * @param current   now
     * @param sinceLast what changed from {@code previous} to {@code current}; null at the first refresh
     */
    public static WatchFrame of(int refresh, Anatomy first, Anatomy previous, Anatomy current, Diff sinceLast) {
        Anatomy.KindRow[] atStart = byKind(first);
        Anatomy.KindRow[] atLast = byKind(previous);
        Anatomy.KindRow[] now = byKind(current);
        List<Row> rows = new ArrayList<>();
        for (MappingKind kind : MappingKind.values()) {
            int k = kind.ordinal();
            if (atStart[k] != null || atLast[k] != null || now[k] != null) {
                rows.add(row(kind, atStart[k], atLast[k], now[k]));
            }
        }
        Row total = row(null, first.total(), previous.total(), current.total());
        return new WatchFrame(refresh, rows, total, sinceLast == null ? List.of() : sinceLast.added(),
                sinceLast == null ? List.of() : sinceLast.removed());
    }

    private static Anatomy.KindRow[] byKind(Anatomy anatomy) {
        Anatomy.KindRow[] rows = new Anatomy.KindRow[MappingKind.values().length];
        for (Anatomy.KindRow row : anatomy.kinds()) {
            rows[row.kind().ordinal()] = row;
        }
        return rows;
    }

    private static Row row(MappingKind kind, Anatomy.KindRow start, Anatomy.KindRow last, Anatomy.KindRow now) {
        long size = now == null ? 0 : now.sizeKb();
        long rss = now == null ? 0 : now.rssKb();
        return new Row(kind, now == null ? 0 : now.mappings(), size, size - (start == null ? 0 : start.sizeKb()),
                size - (last == null ? 0 : last.sizeKb()), rss, rss - (start == null ? 0 : start.rssKb()),
                rss - (last == null ? 0 : last.rssKb()));
    }
}
