package vmtool.sharing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.pages.PagemapEntry;
import vmtool.proc.EntryFile;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * Which of an object's resident pages are really the same memory in the targets and in the other processes: their
 * page frame numbers, read from /proc/PID/pagemap (root only: to others the kernel writes 0 for every frame). The
 * same file mapped is not always the same frames: a private mapping's page that was written is a copy of its own.
 */
final class FrameCompare {
    /** Entries read at once: 1 MiB of entries, 512 MiB of virtual memory. */
    private static final int BATCH = 1 << 17;

    /** A range of one process's addresses that maps an object. */
    record Span(int pid, long start, long end) {
    }

    private final ProcFs procFs;
    private final long pageSize;
    private final long[] entries = new long[BATCH];
    private EntryFile open;
    private int openPid;

    FrameCompare(ProcFs procFs, long pageSize) {
        this.procFs = procFs;
        this.pageSize = pageSize;
    }

    /**
     * For each object, of the targets' resident pages (distinct frames), how many another process maps too; empty
     * when the frames cannot be read (not root: every frame reads as 0).
     */
    Map<ObjectKey, Share.Frames> compare(Map<ObjectKey, List<Span>> targets, Map<ObjectKey, List<Span>> others) {
        Map<ObjectKey, Share.Frames> result = new LinkedHashMap<>();
        try {
            for (Map.Entry<ObjectKey, List<Span>> object : targets.entrySet()) {
                Set<Long> mine = new HashSet<>();
                for (Span span : object.getValue()) {
                    if (!frames(span, mine, null, null)) {
                        return Map.of();
                    }
                }
                Set<Long> same = new HashSet<>();
                for (Span span : others.getOrDefault(object.getKey(), List.of())) {
                    if (!frames(span, null, mine, same)) {
                        return Map.of();
                    }
                }
                result.put(object.getKey(), new Share.Frames(mine.size(), same.size()));
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
        return result;
    }

    /**
     * Reads the frames of a span's resident pages: into {@code into}, or those that are in {@code among} into
     * {@code found}. False when a resident page reads as frame 0 (the frames are hidden from this user); a process
     * that is gone, or may not be read, gives no frames.
     */
    private boolean frames(Span span, Set<Long> into, Set<Long> among, Set<Long> found) {
        EntryFile pagemap = pagemap(span.pid());
        if (pagemap == null) {
            return true;
        }
        long first = Long.divideUnsigned(span.start(), pageSize);
        long end = Long.divideUnsigned(span.end(), pageSize);
        try {
            for (long page = first; page < end; ) {
                int count = (int) Math.min(BATCH, end - page);
                int read = pagemap.read(page, entries, count);
                for (int i = 0; i < read; i++) {
                    PagemapEntry entry = new PagemapEntry(entries[i]);
                    if (!entry.present()) {
                        continue;
                    }
                    long frame = entry.frame();
                    if (frame == 0) {
                        return false;
                    }
                    if (into != null) {
                        into.add(frame);
                    } else if (among.contains(frame)) {
                        found.add(frame);
                    }
                }
                if (read < count) {
                    break;
                }
                page += read;
            }
        } catch (ProcException e) {
            // The process exited while it was read: its pages are no longer anyone's.
        }
        return true;
    }

    private EntryFile pagemap(int pid) {
        if (open != null && openPid == pid) {
            return open;
        }
        if (open != null) {
            open.close();
            open = null;
        }
        try {
            open = procFs.pagemap(pid, BATCH);
            openPid = pid;
            return open;
        } catch (ProcException e) {
            return null;
        }
    }
}
