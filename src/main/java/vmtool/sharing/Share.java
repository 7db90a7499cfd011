package vmtool.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.model.ShmSegment;
import vmtool.proc.ProcFs;

/**
 * What {@code vmtool share} prints: for a process (or a program's processes), each object it maps that other
 * processes map too, matched by device and inode (a System V segment by its shmid, a memfd or shared anonymous
 * memory by the inode of its internal file), with those processes.
 *
 * @param selection what was asked for, for people ("process 1234", "program chromium")
 * @param source    where the processes were read: {@code /proc}, or the capture file
 * @param saved     whether from a capture file
 * @param targets   the processes asked about
 * @param objects   each object a target maps that another process maps too, with what each target and each other
 *                  process holds of it; the most widely shared first
 * @param alone     how many objects the targets map that no other process maps
 * @param read      how many processes were read in all (targets and others)
 * @param frames    as root with frame numbers: for each object, which pages are the same frames; else empty
 * @param skipped   the processes asked about that could not be read (a program's processes of another user)
 * @param othersSkipped the other processes that could not be read: what they share is not counted
 */
public record Share(String selection, String source, boolean saved, List<ProcessInfo> targets,
                    List<Shared> objects, int alone, int read, Map<ObjectKey, Frames> frames, Skipped skipped,
                    Skipped othersSkipped) {

    /**
     * One object that a target shares.
     *
     * @param object  the object over every process read: its kind, name, size and sums
     * @param targets the targets that map it, each with its sums of it
     * @param others  the other processes that map it
     */
    public record Shared(ProgramAnatomy.SharedObject object, List<ProgramAnatomy.User> targets,
                         List<ProgramAnatomy.User> others) {
    }

    /**
     * Which of an object's resident pages the targets and the others really hold in common, by physical frame.
     *
     * @param targetPages the resident pages of it in the targets (distinct frames)
     * @param samePages   of those, how many frames some other process maps too
     */
    public record Frames(long targetPages, long samePages) {
    }

    /**
     * Counts the sharing of the targets' objects as the other processes are read, one at a time: only what they
     * map of the targets' objects is kept, so a machine of thousands of processes is read in little memory.
     */
    public static final class Builder {
        private final Measure measure = new Measure();
        private final ObjectTally tally = new ObjectTally();
        private final Set<Integer> targetPids = new HashSet<>();
        private final List<ProcessInfo> targets = new ArrayList<>();
        /** Where each object is mapped, by the targets and by the others: for the frames. */
        private final Map<ObjectKey, List<FrameCompare.Span>> targetSpans = new HashMap<>();
        private final Map<ObjectKey, List<FrameCompare.Span>> otherSpans = new HashMap<>();
        private int read;

        /** Starts with the targets (the processes asked about). */
        public Builder(List<AddressSpace> targetSpaces) {
            RunningSums one = new RunningSums();
            for (AddressSpace space : targetSpaces) {
                if (!targetPids.add(space.process().pid())) {
                    continue;
                }
                targets.add(space.process());
                read++;
                for (Region region : space.regions()) {
                    measure.into(region.mapping(), one);
                    tally.add(region, space.process(), one);
                    span(targetSpans, region.mapping(), space.process().pid());
                }
            }
        }

        /** Counts another process (a target given again is left out). */
        public Builder other(AddressSpace space) {
            if (targetPids.contains(space.process().pid())) {
                return this;
            }
            read++;
            for (Mapping mapping : space.mappings()) {
                ObjectKey key = ObjectKey.of(mapping);
                if (key != null && targetSpans.containsKey(key)) {
                    tally.addIfKnown(mapping, space.process(), measure);
                    span(otherSpans, mapping, space.process().pid());
                }
            }
            return this;
        }

        /**
         * Counts another process by what it holds of each object ({@link ObjectUse#ofOther}): a capture's others,
         * kept small until the targets are read. No frames: a capture has none.
         */
        public Builder other(ProcessInfo process, List<ObjectUse> uses) {
            if (targetPids.contains(process.pid())) {
                return this;
            }
            read++;
            for (ObjectUse use : uses) {
                tally.addIfKnown(process, use);
            }
            return this;
        }

        private static void span(Map<ObjectKey, List<FrameCompare.Span>> spans, Mapping mapping, int pid) {
            ObjectKey key = ObjectKey.of(mapping);
            if (key != null) {
                spans.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new FrameCompare.Span(pid, mapping.start(), mapping.end()));
            }
        }

        /**
         * Which pages of each object that another process maps too are the same frames, read now from the live
         * processes' pagemaps (pages of {@code pageSize}); empty when this user cannot see frames (not root).
         */
        public Map<ObjectKey, Frames> frames(ProcFs procFs, long pageSize) {
            Map<ObjectKey, List<FrameCompare.Span>> shared = new HashMap<>();
            for (Map.Entry<ObjectKey, List<FrameCompare.Span>> entry : targetSpans.entrySet()) {
                if (otherSpans.containsKey(entry.getKey())) {
                    shared.put(entry.getKey(), entry.getValue());
                }
            }
            return new FrameCompare(procFs, pageSize).compare(shared, otherSpans);
        }

        /**
         * @param skipped       the processes asked about that could not be read
         * @param othersSkipped the other processes that could not be read
         */
        public Share build(String selection, String source, boolean saved, Map<Long, ShmSegment> segments,
                           Skipped skipped, Skipped othersSkipped) {
            List<Shared> shared = new ArrayList<>();
            int alone = 0;
            for (ProgramAnatomy.SharedObject object : tally.objects(segments)) {
                List<ProgramAnatomy.User> mine = new ArrayList<>();
                List<ProgramAnatomy.User> theirs = new ArrayList<>();
                for (ProgramAnatomy.User user : object.users()) {
                    (targetPids.contains(user.pid()) ? mine : theirs).add(user);
                }
                if (theirs.isEmpty()) {
                    alone++;
                } else {
                    shared.add(new Shared(object, List.copyOf(mine), List.copyOf(theirs)));
                }
            }
            return new Share(selection, source, saved, List.copyOf(targets), List.copyOf(shared), alone, read,
                    Map.of(), skipped, othersSkipped);
        }
    }

    /** The same sharing with what the frames say of each object. */
    public Share withFrames(Map<ObjectKey, Frames> frames) {
        return new Share(selection, source, saved, targets, objects, alone, read, Map.copyOf(frames), skipped,
                othersSkipped);
    }
}
