package vmtool.jvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts.JvmRegion;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * A HotSpot JVM's own regions, asked of the JVM through the attach mechanism (vmtool's own JDK's jcmd), never
 * guessed from the mappings' shapes. Attaching needs the target's user (or root) and a JVM that allows it.
 */
public final class JvmRegions {
    /** How long jcmd may take: attaching to a busy JVM can take seconds; a hung one must not hang vmtool. */
    public static final Duration LIMIT = Duration.ofSeconds(10);
    /** The signal that starts a HotSpot JVM's attach listener. */
    private static final int SIGQUIT = 3;

    private JvmRegions() {
    }

    /**
     * What the JVM named.
     *
     * @param regions  its regions, in the order the classifier should try them (the first a mapping overlaps wins)
     * @param unnamed  what it could not name, as a note for people; null when nothing is left out
     */
    public record Found(List<JvmRegion> regions, String unnamed) {
        public Found {
            regions = List.copyOf(regions);
        }
    }

    /**
     * The regions of the JVM in process {@code pid}, whose mappings are these, asked with the jcmd of the JDK at
     * {@code javaHome} (vmtool's own) as user {@code uid}.
     *
     * @throws JvmUnavailableException saying why, in a line: not a HotSpot JVM, no jcmd, attach refused, timeout
     */
    public static Found of(ProcFs procFs, int pid, List<Mapping> mappings, Path javaHome, int uid,
            Duration limit) throws JvmUnavailableException {
        if (!mapsLibjvm(mappings)) {
            throw new JvmUnavailableException("process " + pid + " is not a HotSpot JVM (no libjvm.so is mapped)");
        }
        Path jcmd = OwnJdk.jcmd(javaHome, uid);
        // jcmd signals SIGQUIT to start the attach listener: a process that does not catch it would die of it (the
        // JDK's own check, from 21 on; jcmd 17 sends it anyway).
        try {
            if (!procFs.catchesSignal(pid, SIGQUIT)) {
                throw new JvmUnavailableException("process " + pid + " does not catch SIGQUIT, so it cannot be"
                        + " attached (not a running HotSpot JVM, or one started with -Xrs)");
            }
        } catch (ProcException e) {
            throw new JvmUnavailableException(e.getMessage());
        }
        Jcmd.Answer answer = new Jcmd(jcmd, limit).answer(pid, JvmReport.COMMANDS);
        JvmReport report = JvmReport.parse(answer.text());
        // A failure after the first answers is System.map's, the last command, refused by a JVM before JDK 22.
        if (answer.failure() != null && report.regions().isEmpty()) {
            throw new JvmUnavailableException(answer.failure());
        }
        Found found = found(report, mappings);
        if (found.regions().isEmpty()) {
            throw new JvmUnavailableException("jcmd named no address ranges");
        }
        return found;
    }

    /** The regions of the report, with ZGC's heap placed when the JVM did not place it. */
    static Found found(JvmReport report, List<Mapping> mappings) {
        List<JvmRegion> regions = new ArrayList<>(report.regions());
        if (report.collector() == Collector.Z && !report.hasHeap()) {
            regions.addAll(0, zgcHeap(mappings));
        }
        String unnamed = switch (report.systemMap()) {
            case NAMED -> null;
            case UNNAMED -> "the JVM's GC data (card table, mark bitmaps) and code heap segment maps are counted as"
                    + " anonymous and reserved: its System.map names them only when it runs with"
                    + " -XX:NativeMemoryTracking=summary";
            case ABSENT -> "the JVM's GC data (card table, mark bitmaps) and code heap segment maps are counted as"
                    + " anonymous and reserved: only System.map names them, from JDK 22 on, with"
                    + " -XX:NativeMemoryTracking=summary";
        };
        return new Found(regions, unnamed);
    }

    /**
     * ZGC's heap, which its heap_info gives no address of: each view of its heap is a mapping of its backing memfd,
     * {@code java_heap} ({@code java_heap.hugetlb} in huge pages), in address space it reserved at start; the
     * unused part of that reservation is {@code ---p} anonymous memory right next to it. So each run of adjacent
     * mappings that are views or reserved anonymous memory, with a view among them, is the heap. JDK 17's ZGC maps
     * the heap three times (its marked0, marked1 and remapped views), JDK 21's generational ZGC once.
     */
    static List<JvmRegion> zgcHeap(List<Mapping> mappings) {
        List<JvmRegion> views = new ArrayList<>();
        int count = mappings.size();
        for (int i = 0; i < count; i++) {
            if (!isZgcView(mappings.get(i))) {
                continue;
            }
            int first = i;
            while (first > 0 && inZgcReservation(mappings.get(first - 1), mappings.get(first))) {
                first--;
            }
            int last = i;
            while (last + 1 < count && inZgcReservation(mappings.get(last + 1), mappings.get(last))) {
                last++;
            }
            views.add(new JvmRegion(mappings.get(first).start(), mappings.get(last).end(), MappingKind.JAVA_HEAP,
                    Collector.Z.heapName()));
            i = last;
        }
        return views;
    }

    private static boolean isZgcView(Mapping mapping) {
        return mapping.isFile() && mapping.path().startsWith("/memfd:java_heap");
    }

    /** Whether {@code mapping}, next to {@code neighbour} in the heap, is part of the same reservation. */
    private static boolean inZgcReservation(Mapping mapping, Mapping neighbour) {
        boolean adjacent = mapping.end() == neighbour.start() || neighbour.end() == mapping.start();
        boolean reserved = !mapping.isFile() && mapping.name().isEmpty() && mapping.perms().none();
        return adjacent && (reserved || isZgcView(mapping));
    }

    /** Whether the process maps a libjvm.so (HotSpot's). Only a name: nothing is opened or run from there. */
    static boolean mapsLibjvm(List<Mapping> mappings) {
        for (Mapping mapping : mappings) {
            if (mapping.isFile() && mapping.path().endsWith("/libjvm.so")) {
                return true;
            }
        }
        return false;
    }
}
