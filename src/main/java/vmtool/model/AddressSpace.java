package vmtool.model;

import java.util.List;

/**
 * One process's address space, read once: what every output works from.
 *
 * @param process  the process (for a saved file: what the file tells of it, or a placeholder with pid 0)
 * @param source   where the mappings were read: {@code /proc/PID/smaps}, {@code /proc/PID/maps}, or a saved file
 * @param saved    whether they came from a saved file rather than a live process
 * @param mappings the mappings in address order, as read
 * @param regions  the same mappings, each with its kind
 */
public record AddressSpace(ProcessInfo process, String source, boolean saved, List<Mapping> mappings,
                           List<Region> regions) {
    public AddressSpace {
        mappings = List.copyOf(mappings);
        regions = List.copyOf(regions);
        if (mappings.size() != regions.size()) {
            throw new IllegalArgumentException("a region for every mapping");
        }
    }

    /** The address space of these mappings, classified with what is known of the process. */
    public static AddressSpace of(ProcessInfo process, String source, boolean saved, List<Mapping> mappings,
                                  ProcessFacts facts) {
        return new AddressSpace(process, source, saved, mappings, Classifier.classify(mappings, facts));
    }

    /** Whether the mappings were read from smaps, with their fields (rather than from maps). */
    public boolean hasFields() {
        return !mappings.isEmpty() && mappings.get(0).fields().size() > 0;
    }
}
