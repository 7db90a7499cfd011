package vmtool.sharing;

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

    /** Adds one mapping of {@code kind} and its sums to {@code uses}, if it maps an object. */
    static void add(Map<ObjectKey, ObjectUse> uses, Mapping mapping, MappingKind kind, Sums one) {
        ObjectKey key = ObjectKey.of(mapping);
        if (key != null) {
            ObjectUse use = uses.get(key);
            uses.put(key, use == null ? new ObjectUse(key, kind, mapping.name(), one)
                    : new ObjectUse(key, use.kind, use.name, use.sums.plus(one)));
        }
    }

    /**
     * Another process's objects, as share counts them (not classified), in the order of their first mappings
     * (anonymous memory, which is no object, left out).
     */
    public static List<ObjectUse> ofOther(List<Mapping> mappings) {
        Measure measure = new Measure();
        Map<ObjectKey, ObjectUse> uses = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            add(uses, mapping, null, measure.of(mapping));
        }
        return List.copyOf(uses.values());
    }
}
