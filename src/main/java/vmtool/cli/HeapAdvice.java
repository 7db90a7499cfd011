package vmtool.cli;

/**
 * What vmtool says when it runs out of heap (the launcher keeps the heap small, scripts/vmtool): what would help in
 * that case, and a heap that would hold it, for VMTOOL_JAVA_OPTIONS (which the launcher passes to java last).
 */
final class HeapAdvice {
    /** The heap named when nothing says how much more is needed: a model ten times the largest the launcher's holds. */
    static final String GENERAL_HEAP = "-Xmx1g";

    /**
     * The most heap one run of {@code pages --runs} takes: four LEB128 numbers (pages, state, first frame + 1,
     * flags + 1: up to 13 bytes with root's frame numbers and flags) and its share of the index, with room to spare.
     */
    static final long BYTES_PER_RUN = 20;

    private static final long MIB = 1024 * 1024;
    private static final long STEP_MIB = 64;

    private HeapAdvice() {
    }

    /** Out of memory for a reason the command does not know: the model of a process with very many mappings. */
    static String general(String command) {
        return command + ": out of memory (the heap is kept small so that vmtool stays small); for a process with"
                + " this many mappings run it with VMTOOL_JAVA_OPTIONS=" + GENERAL_HEAP;
    }

    /**
     * Out of memory holding the runs of {@code pages} pages ({@code pages --runs}), with a heap of
     * {@code maxHeapBytes}: fewer pages, no runs, or a heap that holds that many runs whatever they are. The line
     * without the command's name.
     */
    static String runs(long pages, long maxHeapBytes) {
        return "out of memory holding the runs of " + pages + " pages (the heap is kept small so that"
                + " vmtool stays small): ask for part of it (ADDRESS or LOW-HIGH), or leave out --runs (the counts"
                + " take no memory per page), or run it with VMTOOL_JAVA_OPTIONS=-Xmx" + runsHeapMib(pages,
                maxHeapBytes) + "m";
    }

    /** The heap for the runs of {@code pages} pages on top of what held the rest, in MiB, a multiple of 64. */
    static long runsHeapMib(long pages, long maxHeapBytes) {
        long mib = (maxHeapBytes + pages * BYTES_PER_RUN + MIB - 1) / MIB;
        return (mib + STEP_MIB - 1) / STEP_MIB * STEP_MIB;
    }
}
