package vmtool.model;

import java.util.Collections;
import java.util.List;

/**
 * One process's address space, read once: what every output works from.
 *
 * <p>Its regions (each mapping with its kind) are classified the first time they are asked for, once: pmap's modes,
 * which copy procps, need no kind but {@link Classifier#isSysvSegment}, and on 60,000 mappings not classifying made
 * the default mode ~5% quicker (60,000 Regions fewer for the collector to copy, too). Nothing else about it changes
 * after it is made.
 */
public final class AddressSpace {
    private final ProcessInfo process;
    private final String source;
    private final boolean saved;
    private final List<Mapping> mappings;
    /** What the classifier uses of the process; null once the regions are known. */
    private ProcessFacts facts;
    private List<Region> regions;
    private UnplacedStacks unplacedStacks = UnplacedStacks.NONE;

    /**
     * An address space whose regions are already known (a snapshot names each mapping's kind).
     *
     * @param process  the process (for a saved file: what the file tells of it, or a placeholder with pid 0)
     * @param source   where the mappings were read: {@code /proc/PID/smaps}, {@code /proc/PID/maps}, or a saved file
     * @param saved    whether they came from a saved file rather than a live process
     * @param mappings the mappings in address order, as read
     * @param regions  the same mappings, each with its kind
     */
    public AddressSpace(ProcessInfo process, String source, boolean saved, List<Mapping> mappings,
                        List<Region> regions) {
        this(process, source, saved, mappings, null, List.copyOf(regions));
        if (this.mappings.size() != this.regions.size()) {
            throw new IllegalArgumentException("a region for every mapping");
        }
    }

    private AddressSpace(ProcessInfo process, String source, boolean saved, List<Mapping> mappings,
                         ProcessFacts facts, List<Region> regions) {
        this.process = process;
        this.source = source;
        this.saved = saved;
        this.mappings = List.copyOf(mappings);
        this.facts = facts;
        this.regions = regions;
    }

    /** The address space of these mappings, to be classified with what is known of the process. */
    public static AddressSpace of(ProcessInfo process, String source, boolean saved, List<Mapping> mappings,
                                  ProcessFacts facts) {
        return new AddressSpace(process, source, saved, mappings, facts, null);
    }

    /** The process (for a saved file: what the file tells of it, or a placeholder with pid 0). */
    public ProcessInfo process() {
        return process;
    }

    /** Where the mappings were read: {@code /proc/PID/smaps}, {@code /proc/PID/maps}, or a saved file. */
    public String source() {
        return source;
    }

    /** Whether the mappings came from a saved file rather than a live process. */
    public boolean saved() {
        return saved;
    }

    /** The mappings in address order, as read. */
    public List<Mapping> mappings() {
        return mappings;
    }

    /** The same mappings, each with its kind (classified on the first call). */
    public List<Region> regions() {
        if (regions == null) {
            Classifier.Classified classified = Classifier.classifyAll(mappings, process.startStack(), facts);
            regions = Collections.unmodifiableList(classified.regions());
            unplacedStacks = classified.unplaced();
            facts = null;
        }
        return regions;
    }

    /**
     * The threads whose stacks no stack pointer placed (classifying first, if not yet): a live process's running
     * threads, say. Empty for a saved file, which knows no threads.
     */
    public UnplacedStacks unplacedStacks() {
        regions();
        return unplacedStacks;
    }

    /** Whether the mappings were read from smaps, with their fields (rather than from maps). */
    public boolean hasFields() {
        return !mappings.isEmpty() && mappings.get(0).fields().size() > 0;
    }
}
