package vmtool.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.ShmSegment;

/** The objects that mappings map, by device and inode, each with what every process that maps it holds of it. */
final class ObjectTally {
    private final Map<ObjectKey, ObjectSums> objects = new HashMap<>();
    /**
     * The object of the last mapping counted: a file's mappings mostly follow one another (a library's four or
     * five, a file mapped piece by piece), and then no key is made nor looked up.
     */
    private Mapping lastMapping;
    private ObjectSums lastSums;

    /** Counts a mapping of some process (anonymous memory, which is no object, is left out). */
    void add(Region region, ProcessInfo process, RunningSums one) {
        Mapping mapping = region.mapping();
        if (mapping.inode() == 0) {
            return;
        }
        ObjectSums sums;
        if (ObjectKey.same(lastMapping, mapping)) {
            sums = lastSums;
        } else {
            ObjectKey key = ObjectKey.of(mapping);
            sums = objects.get(key);
            if (sums == null) {
                sums = new ObjectSums(region);
                objects.put(key, sums);
            }
        }
        lastMapping = mapping;
        lastSums = sums;
        sums.add(process, one);
    }

    /** Counts what a process holds of an object (its mappings of it, summed). */
    void add(ProcessInfo process, ObjectUse use) {
        ObjectSums sums = objects.get(use.key());
        if (sums == null) {
            sums = new ObjectSums(use.kind(), use.name());
            objects.put(use.key(), sums);
        }
        sums.add(process, use.sums());
    }

    /** Counts what another process holds of an object only if the object is already counted (share's others). */
    void addIfKnown(ProcessInfo process, ObjectUse use) {
        ObjectSums sums = objects.get(use.key());
        if (sums != null) {
            sums.add(process, use.sums());
        }
    }

    /**
     * Counts a mapping only if its object is already counted (another process's mapping of a target's object):
     * no region needed, so the other processes need not be classified.
     */
    void addIfKnown(Mapping mapping, ProcessInfo process, Measure measure) {
        ObjectKey key = ObjectKey.of(mapping);
        ObjectSums sums = key == null ? null : objects.get(key);
        if (sums != null) {
            RunningSums one = new RunningSums();
            measure.into(mapping, one);
            sums.add(process, one);
        }
    }

    /** Every object, those mapped by most processes and with the most PSS first. */
    List<ProgramAnatomy.SharedObject> objects(Map<Long, ShmSegment> segments) {
        List<ProgramAnatomy.SharedObject> listed = new ArrayList<>(objects.size());
        for (Map.Entry<ObjectKey, ObjectSums> entry : objects.entrySet()) {
            listed.add(entry.getValue().object(entry.getKey(), segments));
        }
        listed.sort(ProgramAnatomy.MOST_SHARED_FIRST);
        return List.copyOf(listed);
    }

    /** What is added up of one object while the processes are read. */
    private static final class ObjectSums {
        private final MappingKind kind;
        private final String name;
        /** By pid, in the order the processes were read. */
        private final Map<Integer, UserSums> users = new LinkedHashMap<>();
        /** The process last added, its sums: its mappings come one after another. */
        private ProcessInfo lastProcess;
        private UserSums lastUser;

        ObjectSums(Region first) {
            this(first.kind(), first.mapping().name());
        }

        ObjectSums(MappingKind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        void add(ProcessInfo process, RunningSums one) {
            user(process).sums.add(one);
        }

        void add(ProcessInfo process, Sums one) {
            user(process).sums.add(one);
        }

        private UserSums user(ProcessInfo process) {
            if (process != lastProcess) {
                lastUser = users.get(process.pid());
                if (lastUser == null) {
                    lastUser = new UserSums(process.comm());
                    users.put(process.pid(), lastUser);
                }
                lastProcess = process;
            }
            return lastUser;
        }

        ProgramAnatomy.SharedObject object(ObjectKey key, Map<Long, ShmSegment> segments) {
            Sums sums = Sums.ZERO;
            long largest = 0;
            List<ProgramAnatomy.User> list = new ArrayList<>(users.size());
            for (Map.Entry<Integer, UserSums> user : users.entrySet()) {
                Sums own = user.getValue().sums.sums();
                list.add(new ProgramAnatomy.User(user.getKey(), user.getValue().comm, own));
                sums = sums.plus(own);
                largest = Math.max(largest, own.sizeKb());
            }
            ShmSegment segment = kind == MappingKind.SYSV_SHM ? segments.get(key.inode()) : null;
            return new ProgramAnatomy.SharedObject(key, kind, name, segment != null ? segment.sizeKb() : largest,
                    segment, sums, List.copyOf(list));
        }
    }

    private static final class UserSums {
        private final String comm;
        private final RunningSums sums = new RunningSums();

        UserSums(String comm) {
            this.comm = comm;
        }
    }
}
