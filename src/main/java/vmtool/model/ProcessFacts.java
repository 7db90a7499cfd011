package vmtool.model;

import java.util.List;

/**
 * What the classifier knows of a process besides its mappings. Each fact is optional: a saved file has none of
 * them, a process of another user hides some, and pmap asks only for the one its output needs.
 *
 * @param startStack the start of the main thread's stack (field 28 of /proc/PID/stat), 0 when unknown
 * @param executable the path of the executable (/proc/PID/exe), empty when unknown
 * @param threads    the threads whose stack pointer is known
 * @param jvmRegions a HotSpot JVM's own regions, from the JVM itself; empty when not a JVM or not asked
 */
public record ProcessFacts(long startStack, String executable, List<ThreadStack> threads,
                           List<JvmRegion> jvmRegions) {
    public static final ProcessFacts NONE = new ProcessFacts(0, "", List.of(), List.of());

    public ProcessFacts {
        executable = executable == null ? "" : executable;
        threads = List.copyOf(threads);
        jvmRegions = List.copyOf(jvmRegions);
    }

    /** Only the main stack's address: what pmap's {@code [ stack ]} needs. */
    public static ProcessFacts ofStartStack(long startStack) {
        return new ProcessFacts(startStack, "", List.of(), List.of());
    }

    /**
     * A thread and where its stack pointer was.
     *
     * @param tid          the thread id
     * @param name         /proc/PID/task/TID/comm, without the newline
     * @param stackPointer from /proc/PID/task/TID/syscall, read while the thread was blocked in a system call
     */
    public record ThreadStack(int tid, String name, long stackPointer) {
    }

    /**
     * A range a HotSpot JVM reports for one of its own areas.
     *
     * @param start  first address
     * @param end    address just past the range
     * @param kind   {@link MappingKind#JAVA_HEAP}, {@link MappingKind#CLASS_SPACE}, {@link MappingKind#METASPACE} or
     *               {@link MappingKind#CODE_CACHE}
     * @param source where it came from, e.g. {@code jcmd System.map}
     */
    public record JvmRegion(long start, long end, MappingKind kind, String source) {
    }
}
