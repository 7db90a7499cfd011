package vmtool.sharing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.model.ShmSegment;

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
 * @param skipped   the processes that could not be read
 */
public record Share(String selection, String source, boolean saved, List<ProcessInfo> targets,
                    List<Shared> objects, int alone, int read, Map<ObjectKey, Frames> frames, Skipped skipped) {

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
     * The sharing of the targets' objects, among {@code targets} and {@code others} (two disjoint lists of address
     * spaces).
     */
    public static Share of(String selection, String source, boolean saved, List<AddressSpace> targets,
                           List<AddressSpace> others, Map<Long, ShmSegment> segments, Skipped skipped) {
        List<AddressSpace> all = new ArrayList<>(targets.size() + others.size());
        all.addAll(targets);
        all.addAll(others);
        Set<Integer> targetPids = new HashSet<>();
        List<ProcessInfo> targetInfos = new ArrayList<>();
        for (AddressSpace space : targets) {
            targetPids.add(space.process().pid());
            targetInfos.add(space.process());
        }
        ProgramAnatomy anatomy = ProgramAnatomy.of(selection, source, saved, all, segments, skipped);
        List<Shared> shared = new ArrayList<>();
        int alone = 0;
        for (ProgramAnatomy.SharedObject object : anatomy.objects()) {
            List<ProgramAnatomy.User> mine = new ArrayList<>();
            List<ProgramAnatomy.User> theirs = new ArrayList<>();
            for (ProgramAnatomy.User user : object.users()) {
                (targetPids.contains(user.pid()) ? mine : theirs).add(user);
            }
            if (mine.isEmpty()) {
                continue;
            }
            if (theirs.isEmpty()) {
                alone++;
            } else {
                shared.add(new Shared(object, List.copyOf(mine), List.copyOf(theirs)));
            }
        }
        return new Share(selection, source, saved, List.copyOf(targetInfos), List.copyOf(shared), alone, all.size(),
                Map.of(), skipped);
    }

    /** The same sharing with what the frames say of each object. */
    public Share withFrames(Map<ObjectKey, Frames> frames) {
        return new Share(selection, source, saved, targets, objects, alone, read, Map.copyOf(frames), skipped);
    }
}
