package vmtool.model;

import java.util.List;

/**
 * What the classifier knows of a process besides its mappings. Each fact is optional: a saved file has none of
 * them, a process of another user hides some, and pmap asks for none. The main stack's start is the process's
 * ({@link ProcessInfo#startStack()}), read with the rest of /proc/PID/stat.
 *
 * @param executable the path of the executable (/proc/PID/exe), empty when unknown
 * @param threads    the threads whose stack pointer is known
 * @param unplaced   the other threads but the main one: those whose stack pointer the kernel did not give
 * @param jvmRegions a HotSpot JVM's own regions, from the JVM itself; empty when not a JVM or not asked
 * @param images     how far the program's and libraries' images reach, from their ELF headers, for the file
 *                   mappings that anonymous memory directly follows; empty when not asked or not readable
 */
public record ProcessFacts(String executable, List<ThreadStack> threads,
                           List<UnplacedThread> unplaced, List<JvmRegion> jvmRegions, List<LoadedImage> images) {
    public static final ProcessFacts NONE = new ProcessFacts("", List.of(), List.of());

    public ProcessFacts {
        executable = executable == null ? "" : executable;
        threads = List.copyOf(threads);
        unplaced = List.copyOf(unplaced);
        jvmRegions = List.copyOf(jvmRegions);
        images = List.copyOf(images);
    }

    /** Without images, and every thread but the main one placed. */
    public ProcessFacts(String executable, List<ThreadStack> threads, List<JvmRegion> jvmRegions) {
        this(executable, threads, List.of(), jvmRegions, List.of());
    }

    public ProcessFacts withImages(List<LoadedImage> images) {
        return new ProcessFacts(executable, threads, unplaced, jvmRegions, images);
    }

    /** These facts with a HotSpot JVM's own regions. */
    public ProcessFacts withJvmRegions(List<JvmRegion> jvmRegions) {
        return new ProcessFacts(executable, threads, unplaced, jvmRegions, images);
    }

    /** The image whose file mapping ends at {@code fileEnd}, if known. */
    public LoadedImage imageEndingAt(long fileEnd) {
        for (LoadedImage image : images) {
            if (image.fileEnd() == fileEnd) {
                return image;
            }
        }
        return null;
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
     * A thread whose stack pointer the kernel did not give, so whose stack cannot be told by it.
     *
     * @param tid    the thread id
     * @param name   /proc/PID/task/TID/comm, without the newline; empty when unreadable
     * @param reason why
     */
    public record UnplacedThread(int tid, String name, Unplaced reason) {
    }

    /** Why a thread's stack pointer is not known. */
    public enum Unplaced {
        /**
         * Its syscall file said {@code running} each time it was read: the kernel gives the registers of a thread
         * only while it waits, and a thread on (or queued for) a CPU is not waiting. Only ptrace, which stops it,
         * could read them, and vmtool does not stop the processes it explains.
         */
        RUNNING,
        /**
         * Its syscall file could not be read: it needs ptrace access to the process (the owner may lack it where
         * Yama's ptrace_scope restricts ptrace to a process's ancestors).
         */
        HIDDEN
    }

    /**
     * A range a HotSpot JVM reports for one of its own areas.
     *
     * @param start  first address
     * @param end    address just past the range
     * @param kind   one of the JVM's kinds ({@link MappingKind#isJvm})
     * @param source what it is, for people: "G1 heap", "code heap 'profiled nmethods'", "card table"
     */
    public record JvmRegion(long start, long end, MappingKind kind, String source) {
    }

    /**
     * A loaded ELF file's extent: its last file mapping (before anonymous memory) ends at {@code fileEnd}, and the
     * loader's image of the file, its zero-filled bss included, ends at {@code imageEnd}. Anonymous memory after
     * the file mapping is the file's bss only below {@code imageEnd}.
     */
    public record LoadedImage(long fileEnd, long imageEnd) {
    }
}
