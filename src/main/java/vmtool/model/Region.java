package vmtool.model;

/**
 * A mapping and what it is.
 *
 * @param mapping the mapping as read
 * @param kind    what it is
 * @param label   what it belongs to, for people: the library or program's file name, the thread's name, the
 *                [anon:NAME]'s NAME, a JVM region's source; empty when there is nothing to add
 * @param tid     the thread whose stack this is (or whose stack this guards); 0 when none or unknown
 */
public record Region(Mapping mapping, MappingKind kind, String label, int tid) {
    public Region {
        label = label == null ? "" : label;
    }

    /**
     * Whether the mapped file was deleted (the kernel appends {@code  (deleted)} to its name). System V segments,
     * memfd and shared anonymous memory are files of the kernel's internal mounts that never had a name on disk, so
     * they always read {@code (deleted)}: that says nothing, and they are not counted. Nor is a JVM's own memory
     * (its heap in a memfd with ZGC, in hugetlb pages, or in a file it made and removed with AllocateHeapAt).
     */
    public boolean deleted() {
        return mapping.isFile() && mapping.isDeleted() && kind != MappingKind.SYSV_SHM && kind != MappingKind.MEMFD
                && kind != MappingKind.SHARED_ANONYMOUS && !kind.isJvm()
                && !(kind == MappingKind.HUGETLB && (mapping.path().equals(Mapping.ANON_HUGEPAGE)
                        || mapping.path().startsWith("/memfd:")));
    }

    /** Whether the mapping is of hugetlb pages ({@link Mapping#isHugetlb}). */
    public boolean hugetlb() {
        return mapping.isHugetlb();
    }
}
