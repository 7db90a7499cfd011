package vmtool.sharing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.ShmSegment;

/**
 * The anatomy of several processes together, a program being many processes: what {@code vmtool anatomy PID PID...}
 * and {@code --program NAME} print. Made by {@link #of} from the address spaces alone; the renderers only lay it out.
 *
 * @param selection  how the processes were chosen, for people ("program chromium", "PIDs 12 34")
 * @param source     where they were read: {@code /proc}, or the capture file
 * @param saved      whether from a capture file rather than live processes
 * @param processes  one row per process, in the order read (by PID)
 * @param kinds      one row per kind present, in {@link MappingKind} order, summed over every process
 * @param total      the sums over every mapping of every process
 * @param objects    every object (file, library, memfd, shared anonymous memory, segment) that any of the
 *                   processes maps, once, those mapped by most processes and with the most PSS first
 * @param skipped    the processes asked for that could not be read
 */
public record ProgramAnatomy(String selection, String source, boolean saved, List<Member> processes,
                             List<KindRow> kinds, Sums total, List<SharedObject> objects, Skipped skipped) {

    /** One process, its sums, and its sums by kind (in {@link MappingKind} order). */
    public record Member(ProcessInfo process, Sums sums, List<KindRow> kinds) {
    }

    /** One kind's sums over every process. */
    public record KindRow(MappingKind kind, Sums sums) {
    }

    /**
     * One object that several mappings map, in one process or several.
     *
     * @param key      its device and inode
     * @param kind     its kind (as the first process that maps it classified it)
     * @param name     the kernel's name of it (a path, {@code /memfd:NAME (deleted)}, {@code /SYSV0000abcd}), byte
     *                 text
     * @param sizeKb   its size: a System V segment's from /proc/sysvipc/shm, else the most of it that one process
     *                 maps
     * @param segment  the System V segment it is, or null
     * @param sums     the sums of its mappings in every process: the combined PSS is what the processes hold of it
     * @param users    each process that maps it, with its own sums of it, in the order of {@link #processes}
     */
    public record SharedObject(ObjectKey key, MappingKind kind, String name, long sizeKb, ShmSegment segment,
                               Sums sums, List<User> users) {
        /** Whether more than one of the processes maps it. */
        public boolean shared() {
            return users.size() > 1;
        }
    }

    /** A process that maps an object, and its sums of that object's mappings. */
    public record User(int pid, String comm, Sums sums) {
    }

    /** The objects that two or more of the processes map. */
    public List<SharedObject> sharedObjects() {
        List<SharedObject> shared = new ArrayList<>();
        for (SharedObject object : objects) {
            if (object.shared()) {
                shared.add(object);
            }
        }
        return shared;
    }

    /**
     * The anatomy of these address spaces (each of another process).
     *
     * @param segments the System V segments by shmid (empty when unknown: a saved file without them)
     */
    public static ProgramAnatomy of(String selection, String source, boolean saved, List<AddressSpace> spaces,
                                    Map<Long, ShmSegment> segments, Skipped skipped) {
        Measure measure = new Measure();
        List<Part> parts = new ArrayList<>(spaces.size());
        for (AddressSpace space : spaces) {
            parts.add(part(space, measure));
        }
        return ofParts(selection, source, saved, parts, segments, skipped);
    }

    /**
     * What one process adds to an anatomy: its row, and what it holds of each object it maps. All that is kept of
     * a process once it is counted, so that a capture's processes are read one at a time, not held together.
     */
    public record Part(Member member, List<ObjectUse> uses) {
        public int pid() {
            return member.process().pid();
        }
    }

    /** One process's part. */
    public static Part part(AddressSpace space) {
        return part(space, new Measure());
    }

    private static Part part(AddressSpace space, Measure measure) {
        RunningSums one = new RunningSums();
        RunningSums own = new RunningSums();
        RunningSums[] ownByKind = new RunningSums[MappingKind.values().length];
        ObjectUse.Builder uses = new ObjectUse.Builder();
        // One call per mapping, not one loop body: the JIT compiles a method after a few hundred calls, a loop in a
        // method that runs once only after thousands of turns.
        for (Region region : space.regions()) {
            count(region, measure, one, own, ownByKind, uses);
        }
        return new Part(new Member(space.process(), own.sums(), rows(ownByKind)), uses.build());
    }

    private static void count(Region region, Measure measure, RunningSums one, RunningSums own,
                              RunningSums[] ownByKind, ObjectUse.Builder uses) {
        measure.into(region.mapping(), one);
        own.add(one);
        added(ownByKind, region.kind().ordinal()).add(one);
        uses.add(region.mapping(), region.kind(), one);
    }

    /** The anatomy of these processes' parts, in their order (each of another process). */
    public static ProgramAnatomy ofParts(String selection, String source, boolean saved, List<Part> parts,
                                         Map<Long, ShmSegment> segments, Skipped skipped) {
        RunningSums[] byKind = new RunningSums[MappingKind.values().length];
        ObjectTally objects = new ObjectTally();
        List<Member> members = new ArrayList<>(parts.size());
        RunningSums total = new RunningSums();
        for (Part part : parts) {
            Member member = part.member();
            for (KindRow row : member.kinds()) {
                added(byKind, row.kind().ordinal()).add(row.sums());
            }
            for (ObjectUse use : part.uses()) {
                objects.add(member.process(), use);
            }
            members.add(member);
            total.add(member.sums());
        }
        return new ProgramAnatomy(selection, source, saved, List.copyOf(members), rows(byKind), total.sums(),
                objects.objects(segments), skipped);
    }

    /** The running sums of kind {@code k}, started when first asked for. */
    private static RunningSums added(RunningSums[] byKind, int k) {
        if (byKind[k] == null) {
            byKind[k] = new RunningSums();
        }
        return byKind[k];
    }

    private static List<KindRow> rows(RunningSums[] byKind) {
        MappingKind[] kindValues = MappingKind.values();
        List<KindRow> rows = new ArrayList<>();
        for (int k = 0; k < kindValues.length; k++) {
            if (byKind[k] != null) {
                rows.add(new KindRow(kindValues[k], byKind[k].sums()));
            }
        }
        return List.copyOf(rows);
    }

    /**
     * Mapped by more processes first, then more combined PSS, then by name: a stable order. A class, not
     * Comparator.comparing: its lambdas are spun at run time, not taken from the start-up cache.
     */
    static final Comparator<SharedObject> MOST_SHARED_FIRST = new Comparator<SharedObject>() {
        @Override
        public int compare(SharedObject a, SharedObject b) {
            int order = Integer.compare(-a.users().size(), -b.users().size());
            if (order == 0) {
                order = Long.compare(-a.sums().pssKb(), -b.sums().pssKb());
            }
            if (order == 0) {
                order = a.name().compareTo(b.name());
            }
            return order != 0 ? order : Long.compare(a.key().inode(), b.key().inode());
        }
    };
}
