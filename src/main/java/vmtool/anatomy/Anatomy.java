package vmtool.anatomy;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.SmapsFields;

/**
 * An address space summed up by kind of region: what {@code vmtool anatomy} prints, as text, JSON or CSV. Made by
 * {@link #of} from an {@link AddressSpace} alone; the renderers only lay it out.
 *
 * @param process      the process (pid 0 for a saved file)
 * @param source       where the mappings were read
 * @param saved        whether from a saved file
 * @param hasSizes     whether Rss, Pss, Dirty and Swap are known (smaps; a maps file has only the ranges)
 * @param kinds        one row per kind present, in {@link MappingKind} order
 * @param total        the sums over every mapping ({@code kind} is null)
 * @param span         lowest start to highest end; null when there are no mappings
 * @param largestGap   the largest unmapped range between two mappings, not counting the one below
 *                     {@code [vsyscall]} (the kernel's half of the address space); null when there is none
 * @param stacks       every stack (the main thread's first), with its thread and the guard just below it
 * @param deleted      the mappings of deleted files
 * @param hugetlb      the mappings of hugetlbfs pages
 * @param regions      every region, in address order (for {@code --detail})
 * @param notes        what the reader should know about what is not shown or could not be told
 */
public record Anatomy(ProcessInfo process, String source, boolean saved, boolean hasSizes, List<KindRow> kinds,
                      KindRow total, Range span, Range largestGap, List<Stack> stacks, List<Region> deleted,
                      List<Region> hugetlb, List<Region> regions, List<String> notes) {

    /**
     * One kind's sums (or all mappings', for the total). Sizes in kB as smaps counts them.
     *
     * @param kind     the kind; null for the total row
     * @param mappings how many mappings
     * @param sizeKb   virtual size
     * @param rssKb    resident
     * @param pssKb    proportional share of the resident pages
     * @param dirtyKb  Shared_Dirty + Private_Dirty
     * @param swapKb   swapped out
     */
    public record KindRow(MappingKind kind, int mappings, long sizeKb, long rssKb, long pssKb, long dirtyKb,
                          long swapKb) {
    }

    /** An address range, end exclusive (compared unsigned). */
    public record Range(long start, long end) {
        public long sizeKb() {
            return (end - start) >>> 10;
        }
    }

    /**
     * A stack and whose it is.
     *
     * @param tid     the thread (the process id for the main stack); 0 when unknown (a saved file)
     * @param name    the thread's name (the command's for the main thread); empty when unknown
     * @param region  the stack's mapping
     * @param guardKb the size of the guard mapping directly below it, 0 when there is none
     */
    public record Stack(int tid, String name, Region region, long guardKb) {
    }

    /** The fields that a kind's row sums, in this order. */
    private static final String[] FIELDS = {"Rss", "Pss", "Shared_Dirty", "Private_Dirty", "Swap"};

    /**
     * The anatomy of this address space.
     *
     * @param jvmNote why a HotSpot JVM's own regions are not named ({@code --jvm} failed, with the reason), or null
     *                when they were not asked for
     */
    public static Anatomy of(AddressSpace space, String jvmNote) {
        List<Region> regions = space.regions();
        MappingKind[] kinds = MappingKind.values();
        int[] counts = new int[kinds.length];
        long[][] sums = new long[kinds.length][6];
        long[] fieldValues = new long[FIELDS.length];
        FieldIndex index = new FieldIndex();
        List<Region> deleted = new ArrayList<>();
        List<Region> hugetlb = new ArrayList<>();
        boolean hotspot = false;
        boolean jvmNamed = false;
        for (Region region : regions) {
            Mapping mapping = region.mapping();
            int k = region.kind().ordinal();
            counts[k]++;
            index.values(mapping.fields(), fieldValues);
            long[] sum = sums[k];
            sum[0] += mapping.sizeKb();
            sum[1] += fieldValues[0];
            sum[2] += fieldValues[1];
            sum[3] += fieldValues[2] + fieldValues[3];
            sum[4] += fieldValues[4];
            if (region.deleted()) {
                deleted.add(region);
            }
            if (region.hugetlb()) {
                hugetlb.add(region);
            }
            hotspot |= region.kind() == MappingKind.LIBRARY && region.label().equals("libjvm.so");
            jvmNamed |= region.kind().isJvm();
        }
        List<KindRow> rows = new ArrayList<>();
        long[] total = new long[6];
        for (int k = 0; k < kinds.length; k++) {
            if (counts[k] > 0) {
                long[] sum = sums[k];
                rows.add(new KindRow(kinds[k], counts[k], sum[0], sum[1], sum[2], sum[3], sum[4]));
                for (int f = 0; f < total.length; f++) {
                    total[f] += sum[f];
                }
            }
        }
        KindRow totalRow = new KindRow(null, regions.size(), total[0], total[1], total[2], total[3], total[4]);
        return new Anatomy(space.process(), space.source(), space.saved(), space.hasFields(), rows, totalRow,
                span(space.mappings()), largestGap(regions), stacks(space.process(), regions), deleted, hugetlb,
                regions, notes(space, hotspot && !jvmNamed, jvmNote));
    }

    /** How many kinds of region there are: the homework's "how many different entities". */
    public int kindCount() {
        return kinds.size();
    }

    /** How many mappings there are. */
    public int mappingCount() {
        return total.mappings();
    }

    private static Range span(List<Mapping> mappings) {
        if (mappings.isEmpty()) {
            return null;
        }
        return new Range(mappings.get(0).start(), mappings.get(mappings.size() - 1).end());
    }

    private static Range largestGap(List<Region> regions) {
        Range largest = null;
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i).kind() == MappingKind.VSYSCALL) {
                continue;
            }
            long low = regions.get(i - 1).mapping().end();
            long high = regions.get(i).mapping().start();
            if (Long.compareUnsigned(low, high) < 0
                    && (largest == null || Long.compareUnsigned(high - low, largest.end() - largest.start()) > 0)) {
                largest = new Range(low, high);
            }
        }
        return largest;
    }

    private static List<Stack> stacks(ProcessInfo process, List<Region> regions) {
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            if (!region.kind().isStack()) {
                continue;
            }
            long guardKb = 0;
            if (i > 0 && regions.get(i - 1).kind() == MappingKind.GUARD
                    && regions.get(i - 1).mapping().end() == region.mapping().start()) {
                guardKb = regions.get(i - 1).mapping().sizeKb();
            }
            Stack stack;
            if (region.kind() == MappingKind.STACK) {
                stack = new Stack(process.tgid(), process.comm(), region, guardKb);
                stacks.add(0, stack);
            } else {
                stacks.add(new Stack(region.tid(), region.label(), region, guardKb));
            }
        }
        return stacks;
    }

    private static List<String> notes(AddressSpace space, boolean unnamedJvm, String jvmNote) {
        List<String> notes = new ArrayList<>();
        String stacks = space.unplacedStacks().note();
        if (stacks != null) {
            notes.add(stacks);
        }
        if (unnamedJvm) {
            notes.add("a HotSpot JVM: its Java heap, class space, metaspace and code cache are counted as anonymous"
                    + " and reserved" + (jvmNote != null ? " (" + jvmNote + ")"
                    : space.saved() ? " (a saved file cannot be asked for them)"
                    : "; --jvm asks the JVM for them"));
        }
        if (space.saved()) {
            notes.add("a saved file: the thread stacks are counted as anonymous, and the program is taken to be the"
                    + " first file mapped (the live process's /proc/PID/task and exe are not in the file)");
            if (!space.hasFields()) {
                notes.add("a saved maps file has only the ranges: Rss, Pss, Dirty and Swap need a saved smaps");
            }
        }
        return notes;
    }

    /**
     * Finds the summed fields' values of each mapping: Rss, Pss, Shared_Dirty, Private_Dirty, Swap, in this order
     * (0 for a key this kernel does not write). Rss here is the resident memory: smaps's Rss plus Shared_Hugetlb and
     * Private_Hugetlb, the resident hugetlb pages that the kernel leaves out of Rss (and of Pss and the dirty
     * counts, which therefore stay without them). The key list is shared by the mappings of one read, so the
     * positions are looked up once per list rather than once per mapping. Public so that diff measures one mapping
     * as a kind's row sums it.
     */
    public static final class FieldIndex {
        private static final String[] HUGETLB_FIELDS = {"Shared_Hugetlb", "Private_Hugetlb"};

        private List<String> names;
        private final int[] positions = new int[FIELDS.length];
        private final int[] hugetlbPositions = new int[HUGETLB_FIELDS.length];

        /** How many values {@link #values} writes. */
        public static final int COUNT = FIELDS.length;

        public void values(SmapsFields fields, long[] out) {
            if (fields.size() == 0) {
                java.util.Arrays.fill(out, 0);
                return;
            }
            if (fields.names() != names) {
                names = fields.names();
                for (int f = 0; f < FIELDS.length; f++) {
                    positions[f] = fields.indexOf(FIELDS[f]);
                }
                for (int f = 0; f < HUGETLB_FIELDS.length; f++) {
                    hugetlbPositions[f] = fields.indexOf(HUGETLB_FIELDS[f]);
                }
            }
            for (int f = 0; f < FIELDS.length; f++) {
                out[f] = positions[f] < 0 ? 0 : fields.value(positions[f]);
            }
            for (int position : hugetlbPositions) {
                out[0] += position < 0 ? 0 : fields.value(position);
            }
        }
    }
}
