package vmtool.model;

/**
 * What a mapping is, decided once by {@link Classifier} and read by every output. Each kind has the id that JSON,
 * CSV and the anatomy's table use, and a one-line meaning for people. docs/anatomy.md says how each is recognised.
 */
public enum MappingKind {
    PROGRAM("program", "the executable's own file: its code, read-only data and initialised data"),
    BSS("bss", "the executable's zero-initialised globals: anonymous and writable, right after its data"),
    HEAP("heap", "the brk heap, where malloc puts small blocks"),
    STACK("stack", "the main thread's stack"),
    THREAD_STACK("thread-stack", "another thread's stack"),
    GUARD("guard", "inaccessible pages just below a stack: an overflow faults instead of corrupting memory"),
    LIBRARY("library", "a shared object (the dynamic loader too): its code, data and bss"),
    VDSO("vdso", "code the kernel maps into every process for fast system calls (gettimeofday)"),
    VVAR("vvar", "kernel data that the vdso reads (clocks)"),
    VSYSCALL("vsyscall", "the legacy fixed-address system-call page"),
    JAVA_HEAP("java-heap", "the JVM's Java object heap"),
    CLASS_SPACE("class-space", "the JVM's compressed class space (class metadata)"),
    METASPACE("metaspace", "the JVM's metaspace (class metadata outside class space)"),
    CODE_CACHE("code-cache", "the JVM's compiled code"),
    ANONYMOUS("anonymous", "private anonymous memory: malloc arenas and large blocks, mmap, a runtime's own heaps"),
    RESERVED("reserved", "inaccessible address space held back for later use (not a guard)"),
    SHARED_ANONYMOUS("shared-anonymous", "anonymous memory shared with related processes (mmap MAP_SHARED)"),
    SYSV_SHM("sysv-shm", "a System V shared memory segment (shmat)"),
    MEMFD("memfd", "memory of an anonymous file made with memfd_create"),
    HUGETLB("hugetlb", "memory in huge pages from the kernel's hugetlb pool (MAP_HUGETLB, hugetlbfs files, memfd with"
            + " MFD_HUGETLB): its resident pages are in Shared_Hugetlb and Private_Hugetlb, which smaps leaves out of"
            + " Rss"),
    POSIX_SHM("posix-shm", "POSIX shared memory (shm_open): a file in the /dev/shm tmpfs, shared between processes"),
    FILE("file", "any other mapped file (data files, fonts, locale archives, caches)"),
    NAMED("named", "anonymous memory the program named ([anon:NAME]), or another region the kernel names");

    private final String id;
    private final String meaning;

    MappingKind(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    /** The kind's id in JSON and CSV, e.g. {@code thread-stack}. */
    public String id() {
        return id;
    }

    /** What the kind is, in a line. */
    public String meaning() {
        return meaning;
    }

    /** The kind with this id. */
    public static MappingKind ofId(String id) {
        for (MappingKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a mapping kind");
    }

    /** Whether the kind is a stack (the main one or another thread's). */
    public boolean isStack() {
        return this == STACK || this == THREAD_STACK;
    }

    /** Whether this is one of a HotSpot JVM's own areas, which the JVM names (its label says which). */
    public boolean isJvm() {
        return this == JAVA_HEAP || this == CLASS_SPACE || this == METASPACE || this == CODE_CACHE;
    }
}
