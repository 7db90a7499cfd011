package vmtool.sharing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.Mapping;
import vmtool.model.MappingKind;

/**
 * What one process holds of one object it maps: its mappings of it summed. All that anatomy and share keep of a
 * process's objects once it is counted, so that a capture's processes are read one at a time, never held whole.
 *
 * @param key  the object
 * @param kind the kind of the process's first mapping of it (null when not classified: share's other processes)
 * @param name the kernel's name of it, from that first mapping
 * @param sums the process's mappings of it, summed
 */
public record ObjectUse(ObjectKey key, MappingKind kind, String name, Sums sums) {

    /**
     * One process's objects being added up, one mapping at a time, in place: a file's mappings mostly follow one
     * another, and then no key is made nor looked up.
     */
    static final class Builder {
        private final Map<ObjectKey, Adding> uses = new LinkedHashMap<>();
        private Mapping lastMapping;
        private Adding last;

        /** Adds one mapping of {@code kind} (null: not classified) and its sums, if it maps an object. */
        void add(Mapping mapping, MappingKind kind, RunningSums one) {
            if (mapping.inode() == 0) {
                return;
            }
            if (!ObjectKey.same(lastMapping, mapping)) {
                ObjectKey key = ObjectKey.of(mapping);
                if (key == null) {
                    return;
                }
                last = uses.get(key);
                if (last == null) {
                    last = new Adding(key, kind, mapping.name());
                    uses.put(key, last);
                }
                lastMapping = mapping;
            }
            last.sums.add(one);
        }

        /** The objects, in the order of their first mappings. */
        List<ObjectUse> build() {
            List<ObjectUse> built = new ArrayList<>(uses.size());
            for (Adding use : uses.values()) {
                built.add(new ObjectUse(use.key, use.kind, use.name, use.sums.sums()));
            }
            return List.copyOf(built);
        }
    }

    private static final class Adding {
        private final ObjectKey key;
        private final MappingKind kind;
        private final String name;
        private final RunningSums sums = new RunningSums();

        Adding(ObjectKey key, MappingKind kind, String name) {
            this.key = key;
            this.kind = kind;
            this.name = name;
        }
    }

    /**
     * Another process's objects, as share counts them (not classified), in the order of their first mappings
     * (anonymous memory, which is no object, left out).
     */
    public static List<ObjectUse> ofOther(List<Mapping> mappings) {
        Measure measure = new Measure();
        RunningSums one = new RunningSums();
        Builder uses = new Builder();
        for (Mapping mapping : mappings) {
            measure.into(mapping, one);
            uses.add(mapping, null, one);
        }
        return uses.build();
    }
}
