package vmtool.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what each mapping of an address space is: the one place that does. It sees the whole list, because some
 * kinds are told only by their neighbours (bss follows the executable's data; a guard lies just below a stack).
 * docs/anatomy.md describes each rule.
 */
public final class Classifier {
    /** Where glibc's shm_open makes POSIX shared memory objects. */
    private static final String POSIX_SHM_DIR = "/dev/shm/";

    private Classifier() {
    }

    /**
     * The regions of some mappings, and which threads' stacks could not be told by their stack pointers.
     *
     * @param regions  each mapping with its kind, in the mappings' order
     * @param unplaced the threads whose stacks were placed by layout or not at all
     */
    public record Classified(List<Region> regions, UnplacedStacks unplaced) {
    }

    /**
     * The regions of these mappings (in address order, as the kernel lists them).
     *
     * @param startStack the main stack's start, {@link ProcessInfo#startStack()}: 0 when unknown
     */
    public static List<Region> classify(List<Mapping> mappings, long startStack, ProcessFacts facts) {
        return classifyAll(mappings, startStack, facts).regions();
    }

    /** The regions of these mappings, and what is known of the stacks that no stack pointer placed. */
    public static Classified classifyAll(List<Mapping> mappings, long startStack, ProcessFacts facts) {
        int count = mappings.size();
        MappingKind[] kinds = new MappingKind[count];
        String[] labels = new String[count];
        int[] tids = new int[count];
        String executable = facts.executable();
        String program = executable.isEmpty() ? guessProgram(mappings)
                : isSharedObject(baseName(executable)) ? programMappedByLoader(mappings) : executable;
        // One call per mapping rather than one loop body: the JIT compiles a method after a few hundred calls, a
        // loop in a method that runs once only after tens of thousands of turns.
        for (int i = 0; i < count; i++) {
            classifyAlone(mappings.get(i), program, startStack, facts, kinds, labels, tids, i);
        }
        UnplacedStacks unplaced = facts.unplaced().isEmpty() ? UnplacedStacks.NONE
                : new UnplacedStacks(facts.unplaced(), placeByLayout(mappings, facts.unplaced(), kinds, labels, tids));
        List<Region> regions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            regions.add(withNeighbours(mappings, facts, kinds, labels, tids, i));
        }
        return new Classified(regions, unplaced);
    }

    /**
     * The stacks of threads whose stack pointers are not known, told by how glibc makes a thread's stack: one
     * mmap with MAP_STACK (which a 6.7 or later kernel marks {@code nh} in VmFlags), whose lowest pages are made
     * PROT_NONE as its guard. An anonymous private writable {@code nh} mapping directly above a PROT_NONE anonymous
     * {@code nh} one, that no known stack pointer lies in, is such a stack. glibc keeps the stacks of threads that
     * ended, for reuse, and they look the same; so they are placed only when there are exactly as many such
     * mappings as threads to place, and a thread is named only when it is the one. Returns whether they were.
     */
    private static boolean placeByLayout(List<Mapping> mappings, List<ProcessFacts.UnplacedThread> threads,
                                         MappingKind[] kinds, String[] labels, int[] tids) {
        List<Integer> found = new ArrayList<>();
        for (int i = 1; i < mappings.size(); i++) {
            if (kinds[i] == MappingKind.ANONYMOUS && isPthreadStack(mappings.get(i - 1), mappings.get(i))) {
                found.add(i);
            }
        }
        if (found.size() != threads.size()) {
            return false;
        }
        boolean one = threads.size() == 1;
        for (int i : found) {
            kinds[i] = MappingKind.THREAD_STACK;
            labels[i] = one ? threads.get(0).name() : "";
            tids[i] = one ? threads.get(0).tid() : 0;
        }
        return true;
    }

    private static boolean isPthreadStack(Mapping guard, Mapping stack) {
        Permissions perms = stack.perms();
        return guard.end() == stack.start() && perms.read() && perms.write() && !perms.shared()
                && stack.hasVmFlag("nh") && !guard.isFile() && guard.name().isEmpty() && guard.perms().none()
                && guard.hasVmFlag("nh");
    }

    private static void classifyAlone(Mapping mapping, String program, long startStack, ProcessFacts facts,
                                      MappingKind[] kinds, String[] labels, int[] tids, int i) {
        if (mapping.isFile()) {
            if (!classifyJvmFile(mapping, facts, kinds, labels, i)) {
                classifyFile(mapping, program, kinds, labels, i);
            }
        } else if (!mapping.name().isEmpty()) {
            classifyNamed(mapping, kinds, labels, i);
        } else {
            classifyAnonymous(mapping, startStack, facts, kinds, labels, tids, i);
        }
    }

    /**
     * The region of mapping {@code i}, with the kinds that depend on a neighbour's: a guard below a stack, the bss
     * after the program's (or a library's) data. Those neighbours are a stack and a file mapping, whose kinds this
     * never changes, so it can run in one pass, in order.
     */
    private static Region withNeighbours(List<Mapping> mappings, ProcessFacts facts, MappingKind[] kinds,
                                         String[] labels, int[] tids, int i) {
        int count = mappings.size();
        Mapping mapping = mappings.get(i);
        if (kinds[i] == MappingKind.RESERVED && i + 1 < count && kinds[i + 1].isStack()
                && mapping.end() == mappings.get(i + 1).start()) {
            kinds[i] = MappingKind.GUARD;
            labels[i] = labels[i + 1];
            tids[i] = tids[i + 1];
        } else if (kinds[i] == MappingKind.ANONYMOUS && i > 0 && mapping.perms().write()
                && mappings.get(i - 1).end() == mapping.start() && mappings.get(i - 1).isFile()) {
            MappingKind before = kinds[i - 1];
            if ((before == MappingKind.PROGRAM || before == MappingKind.LIBRARY)
                    && mayBeBss(mapping, facts.imageEndingAt(mapping.start()))) {
                // A library's bss is one of the library's mappings; the program's is a kind of its own.
                kinds[i] = before == MappingKind.PROGRAM ? MappingKind.BSS : MappingKind.LIBRARY;
                labels[i] = labels[i - 1];
            }
        }
        return new Region(mapping, kinds[i], labels[i], tids[i]);
    }

    /**
     * Whether anonymous memory right after a program's or library's last file mapping is its bss: when the file's
     * ELF headers were read, only if it starts below the end of the file's image (the kernel may place other memory
     * there: in a JVM, several MiB after libjsvml.so, which has no bss of its own); without them, always.
     */
    private static boolean mayBeBss(Mapping mapping, ProcessFacts.LoadedImage image) {
        return image == null || Long.compareUnsigned(mapping.start(), image.imageEnd()) < 0;
    }

    /**
     * A file mapping that is a JVM's own memory rather than a file's, in a range the JVM reported: hugetlb pages
     * (its heap or code cache with -XX:+UseLargePages), a memfd (ZGC's heap, {@code java_heap}), or any file inside
     * the Java heap (the CDS archive's archived heap, which the JVM maps from the archive into its heap; or the heap
     * file of -XX:AllocateHeapAt, made and removed at start). Whether it took the JVM's kind.
     */
    private static boolean classifyJvmFile(Mapping mapping, ProcessFacts facts, MappingKind[] kinds, String[] labels,
                                           int i) {
        ProcessFacts.JvmRegion jvm = facts.jvmRegions().isEmpty() || isSysvSegment(mapping) ? null
                : jvmRegionOf(mapping, facts);
        if (jvm == null) {
            return false;
        }
        String path = mapping.path();
        if (mapping.isHugetlb() || path.startsWith("/memfd:")) {
            kinds[i] = jvm.kind();
            labels[i] = jvm.source();
            return true;
        }
        if (jvm.kind() != MappingKind.JAVA_HEAP) {
            return false;
        }
        kinds[i] = MappingKind.JAVA_HEAP;
        labels[i] = mapping.isDeleted() ? jvm.source() + " in " + path : "CDS archived heap (" + baseName(path) + ")";
        return true;
    }

    /** The first range the JVM reported that the mapping overlaps; null when none. */
    private static ProcessFacts.JvmRegion jvmRegionOf(Mapping mapping, ProcessFacts facts) {
        for (ProcessFacts.JvmRegion jvm : facts.jvmRegions()) {
            if (Long.compareUnsigned(jvm.start(), mapping.end()) < 0
                    && Long.compareUnsigned(mapping.start(), jvm.end()) < 0) {
                return jvm;
            }
        }
        return null;
    }

    private static void classifyFile(Mapping mapping, String program, MappingKind[] kinds, String[] labels, int i) {
        String path = mapping.path();
        MappingKind kind;
        // The base name is made only for the kinds labelled by it: a program's anatomy classifies ~10,000 file
        // mappings, and a String for each was over a third of what classifying them allocated.
        String label;
        if (isSysvSegment(mapping)) {
            kind = MappingKind.SYSV_SHM;
            label = "shmid " + mapping.inodeText();
        } else if (mapping.isHugetlb()) {
            kind = MappingKind.HUGETLB;
            label = path.equals(Mapping.ANON_HUGEPAGE) ? "" : path.startsWith("/memfd:")
                    ? path.substring("/memfd:".length()) : path;
        } else if (path.startsWith("/memfd:")) {
            kind = MappingKind.MEMFD;
            label = path.substring("/memfd:".length());
        } else if (mapping.device().major() == 0 && (path.equals("/dev/zero") || path.startsWith("/dev/zero "))
                && mapping.perms().shared()) {
            // Shared anonymous memory is a file on an internal mount, listed as "/dev/zero (deleted)".
            kind = MappingKind.SHARED_ANONYMOUS;
            label = "";
        } else if (path.equals(program)) {
            kind = MappingKind.PROGRAM;
            label = baseName(path);
        } else if (isSharedObject(path, path.lastIndexOf('/') + 1)) {
            kind = MappingKind.LIBRARY;
            label = baseName(path);
        } else if (mapping.device().major() == 0 && path.startsWith(POSIX_SHM_DIR)) {
            // What shm_open makes. Told from the maps line alone, as every kind is: the path and a device with no
            // disk (tmpfs's major 0); a file mapped from /dev/shm is shared memory whoever put it there.
            kind = MappingKind.POSIX_SHM;
            label = path.substring(POSIX_SHM_DIR.length());
        } else {
            kind = MappingKind.FILE;
            label = path;
        }
        kinds[i] = kind;
        labels[i] = label;
    }

    private static void classifyNamed(Mapping mapping, MappingKind[] kinds, String[] labels, int i) {
        String name = mapping.name();
        MappingKind kind;
        String label = "";
        switch (name) {
            case "[heap]" -> kind = MappingKind.HEAP;
            case "[stack]" -> kind = MappingKind.STACK;
            case "[vdso]" -> kind = MappingKind.VDSO;
            case "[vvar]", "[vvar_vclock]" -> kind = MappingKind.VVAR;
            case "[vsyscall]" -> kind = MappingKind.VSYSCALL;
            default -> {
                if (name.startsWith("[anon_shmem:") && name.endsWith("]")) {
                    kind = MappingKind.SHARED_ANONYMOUS;
                    label = name.substring("[anon_shmem:".length(), name.length() - 1);
                } else if (name.startsWith("[anon:") && name.endsWith("]")) {
                    kind = MappingKind.NAMED;
                    label = name.substring("[anon:".length(), name.length() - 1);
                } else {
                    kind = MappingKind.NAMED;
                    label = name;
                }
            }
        }
        kinds[i] = kind;
        labels[i] = label;
    }

    private static void classifyAnonymous(Mapping mapping, long startStack, ProcessFacts facts, MappingKind[] kinds,
                                          String[] labels, int[] tids, int i) {
        labels[i] = "";
        ProcessFacts.JvmRegion jvm = jvmRegionOf(mapping, facts);
        if (jvm != null) {
            kinds[i] = jvm.kind();
            labels[i] = jvm.source();
            return;
        }
        if (mapping.holdsStackStart(startStack)) {
            kinds[i] = MappingKind.STACK;
            return;
        }
        for (ProcessFacts.ThreadStack thread : facts.threads()) {
            if (mapping.contains(thread.stackPointer())) {
                kinds[i] = MappingKind.THREAD_STACK;
                labels[i] = thread.name();
                tids[i] = thread.tid();
                return;
            }
        }
        Permissions perms = mapping.perms();
        if (perms.shared()) {
            kinds[i] = MappingKind.SHARED_ANONYMOUS;
        } else if (perms.none()) {
            kinds[i] = MappingKind.RESERVED;
        } else {
            kinds[i] = MappingKind.ANONYMOUS;
        }
    }

    /**
     * Whether the mapping is a System V shared memory segment ({@link MappingKind#SYSV_SHM}): a kind that no
     * neighbour changes, so it can be asked of one mapping without classifying the rest (pmap's modes ask only this).
     * The one rule for segments: the kernel names a segment's file {@code /SYSV} and its key in 8 hex digits
     * ({@code "SYSV%08x"}), at the root of its internal shm mount (device major 0). A tmpfs file such as
     * {@code /dev/shm/SYSVreview} has major 0 too, but not that path.
     */
    public static boolean isSysvSegment(Mapping mapping) {
        if (!mapping.isFile() || mapping.device().major() != 0) {
            return false;
        }
        String path = mapping.path();
        if (path.length() != "/SYSV".length() + 8 || !path.startsWith("/SYSV")) {
            return false;
        }
        for (int i = "/SYSV".length(); i < path.length(); i++) {
            if (Character.digit(path.charAt(i), 16) < 0 || Character.isUpperCase(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the mapping is a System V segment on the shm mount whose device minor is {@code shmMinor} (learnt by
     * attaching a segment of one's own, as procps does): procps's test, which names a mapping {@code [ shmid=0x.. ]}.
     */
    public static boolean isSysvSegmentOn(Mapping mapping, int shmMinor) {
        return isSysvSegment(mapping) && mapping.device().minor() == shmMinor;
    }

    /**
     * Without /proc/PID/exe (a saved file), the program is taken to be the file of the lowest file mapping, when
     * that file is not a shared object and has code: the kernel maps the executable before the loader maps anything.
     */
    private static String guessProgram(List<Mapping> mappings) {
        String first = null;
        for (Mapping mapping : mappings) {
            if (first == null && mapping.isFile()) {
                first = mapping.path();
                if (isSharedObject(baseName(first)) || mapping.device().major() == 0) {
                    return "";
                }
            }
            if (first != null && mapping.perms().execute() && mapping.isFile() && mapping.path().equals(first)) {
                return first;
            }
        }
        return "";
    }

    /**
     * The program of a process whose executable is a shared object: the dynamic loader run as a command
     * ({@code /lib64/ld-linux-x86-64.so.2 /usr/bin/sleep 600}), which then maps the program itself, as it maps
     * libraries, so neither /proc/PID/exe nor the kernel's auxv (AT_PHDR, AT_ENTRY: the loader's) names it. The
     * program is the one file mapped executable that is not a shared object (nor a memfd): when there are several,
     * which the loader mapped first cannot be told from the maps, and none is called the program (empty).
     */
    private static String programMappedByLoader(List<Mapping> mappings) {
        String found = "";
        for (Mapping mapping : mappings) {
            if (mapping.isFile() && mapping.perms().execute()) {
                String path = mapping.path();
                if (isSharedObject(baseName(path)) || path.startsWith("/memfd:") || path.equals(found)) {
                    continue;
                }
                if (!found.isEmpty()) {
                    return "";
                }
                found = path;
            }
        }
        return found;
    }

    /** {@code libc.so.6}, {@code ld-linux-x86-64.so.2}, {@code libjvm.so}: ".so" at the end or before a dot. */
    static boolean isSharedObject(String baseName) {
        return isSharedObject(baseName, 0);
    }

    /** {@link #isSharedObject(String)} of the name's part from {@code from} on (a path's base name), without it. */
    private static boolean isSharedObject(String name, int from) {
        int at = name.indexOf(".so", from);
        while (at >= 0) {
            int after = at + 3;
            if (after == name.length() || name.charAt(after) == '.') {
                return true;
            }
            at = name.indexOf(".so", after);
        }
        return false;
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
