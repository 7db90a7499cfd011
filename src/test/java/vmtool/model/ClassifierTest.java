package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import vmtool.proc.SmapsParser;

/** The classifier on real maps lines, alone and with their neighbours. */
class ClassifierTest {
    /** The main stack's start (stat's startstack) in the demo mappings' [stack]. */
    private static final long STACK_START = 0x7ffd00020f00L;

    /** A C program with a thread, a SysV segment, memfd, shared anonymous memory and a deleted file (trimmed). */
    private static final String MAPS = String.join("\n",
            "55d0c0a00000-55d0c0a01000 r--p 00000000 fe:00 1001                       /opt/demo/bin/demo",
            "55d0c0a01000-55d0c0a02000 r-xp 00001000 fe:00 1001                       /opt/demo/bin/demo",
            "55d0c0a02000-55d0c0a03000 r--p 00002000 fe:00 1001                       /opt/demo/bin/demo",
            "55d0c0a03000-55d0c0a04000 rw-p 00003000 fe:00 1001                       /opt/demo/bin/demo",
            "55d0c0a04000-55d0c0a06000 rw-p 00000000 00:00 0 ",
            "55d0c1000000-55d0c1021000 rw-p 00000000 00:00 0                          [heap]",
            "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ",
            "7f0000021000-7f0004000000 ---p 00000000 00:00 0 ",
            "7f0005000000-7f0005001000 ---p 00000000 00:00 0 ",
            "7f0005001000-7f0005801000 rw-p 00000000 00:00 0 ",
            "7f0006000000-7f0006001000 rw-s 00000000 00:01 32769                      /SYSV0000abcd (deleted)",
            "7f0006001000-7f0006002000 rw-s 00000000 00:01 2050                       /memfd:ring (deleted)",
            "7f0006002000-7f0006003000 rw-s 00000000 00:01 2051                       /dev/zero (deleted)",
            "7f0006003000-7f0006004000 r--p 00000000 fe:00 77                         /tmp/data.bin (deleted)",
            "7f0006004000-7f0006005000 rw-p 00000000 00:00 0                          [anon:arena]",
            "7f0007000000-7f0007028000 r--p 00000000 fe:00 2002                       /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f0007028000-7f00071bd000 r-xp 00028000 fe:00 2002                       /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f00071bd000-7f00071c1000 r--p 001bc000 fe:00 2002                       /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f00071c1000-7f00071c3000 rw-p 001c0000 fe:00 2002                       /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f00071c3000-7f00071d0000 rw-p 00000000 00:00 0 ",
            "7f00071d0000-7f00071d2000 r--p 00000000 00:00 0                          [vvar]",
            "7f00071d2000-7f00071d4000 r-xp 00000000 00:00 0                          [vdso]",
            "7f00071d4000-7f00071d5000 r--p 00000000 fe:00 2003                       /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]",
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]") + "\n";

    private static List<Mapping> mappings() throws SmapsParser.MalformedProcText {
        return SmapsParser.parse(MAPS.getBytes(StandardCharsets.ISO_8859_1), "demo.maps");
    }

    private static List<MappingKind> kinds(List<Region> regions) {
        return regions.stream().map(Region::kind).toList();
    }

    @Test
    void everyKindOfADemoProcess() throws Exception {
        ProcessFacts facts = new ProcessFacts("/opt/demo/bin/demo",
                List.of(new ProcessFacts.ThreadStack(4243, "worker", 0x7f00057ff000L)), List.of());

        List<Region> regions = Classifier.classify(mappings(), STACK_START, facts);

        assertThat(kinds(regions)).containsExactly(
                MappingKind.PROGRAM, MappingKind.PROGRAM, MappingKind.PROGRAM, MappingKind.PROGRAM, MappingKind.BSS,
                MappingKind.HEAP, MappingKind.ANONYMOUS, MappingKind.RESERVED, MappingKind.GUARD,
                MappingKind.THREAD_STACK, MappingKind.SYSV_SHM, MappingKind.MEMFD, MappingKind.SHARED_ANONYMOUS,
                MappingKind.FILE, MappingKind.NAMED, MappingKind.LIBRARY, MappingKind.LIBRARY, MappingKind.LIBRARY,
                MappingKind.LIBRARY, MappingKind.LIBRARY, MappingKind.VVAR, MappingKind.VDSO, MappingKind.LIBRARY,
                MappingKind.STACK, MappingKind.VSYSCALL);
        assertThat(regions.get(4).label()).as("bss of").isEqualTo("demo");
        assertThat(regions.get(8).tid()).as("the guard's thread").isEqualTo(4243);
        assertThat(regions.get(9).label()).isEqualTo("worker");
        assertThat(regions.get(10).label()).isEqualTo("shmid 32769");
        assertThat(regions.get(11).label()).isEqualTo("ring");
        assertThat(regions.get(13).deleted()).isTrue();
        assertThat(regions.get(13).label()).isEqualTo("/tmp/data.bin");
        assertThat(regions.get(14).label()).isEqualTo("arena");
        assertThat(regions.get(19).label()).as("libc's bss is libc's").isEqualTo("libc.so.6");
        assertThat(regions.get(22).label()).isEqualTo("ld-linux-x86-64.so.2");
    }

    /** pmap asks one mapping whether it is a System V segment: the same answer as classifying them all. */
    @Test
    void aSysvSegmentIsToldAloneAsTheWholeClassificationTellsIt() throws Exception {
        List<Mapping> mappings = new java.util.ArrayList<>(mappings());
        mappings.addAll(SmapsParser.parse(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/maps")),
                "/proc/self/maps"));
        // Lookalikes: a file named like a segment on a disk, and a segment's name in an anonymous mapping's; tmpfs
        // files (device major 0 too) named like one, in /dev/shm and at a tmpfs root but not of the kernel's shape.
        String lookalikes = String.join("\n",
                "7f0008000000-7f0008001000 rw-s 00000000 fe:00 32770                      /SYSV0000abcd",
                "7f0008003000-7f0008004000 rw-s 00000000 00:1a 3                          /dev/shm/SYSVreview",
                "7f0008005000-7f0008006000 rw-s 00000000 00:1a 4                          /SYSVreview (deleted)",
                "7f0008007000-7f0008008000 rw-s 00000000 00:1a 5                          /SYSV0000ABCD",
                "7f0008001000-7f0008002000 rw-p 00000000 00:00 0                          [anon:/SYSV0000abce]") + "\n";
        mappings.addAll(SmapsParser.parse(lookalikes.getBytes(StandardCharsets.ISO_8859_1), "lookalikes.maps"));
        for (long startStack : new long[] {0, STACK_START}) {
            List<Region> regions = Classifier.classify(mappings, startStack, ProcessFacts.NONE);
            for (Region region : regions) {
                assertThat(Classifier.isSysvSegment(region.mapping())).as(region.mapping().name())
                        .isEqualTo(region.kind() == MappingKind.SYSV_SHM);
            }
            assertThat(regions).filteredOn(region -> region.kind() == MappingKind.SYSV_SHM).hasSize(1);
        }
    }

    @Test
    void withoutFactsTheProgramIsGuessedAndThreadStacksAreAnonymous() throws Exception {
        List<Region> regions = Classifier.classify(mappings(), 0, ProcessFacts.NONE);

        assertThat(regions.get(0).kind()).isEqualTo(MappingKind.PROGRAM);
        assertThat(regions.get(4).kind()).isEqualTo(MappingKind.BSS);
        assertThat(regions.get(8).kind()).as("no stack above it is known").isEqualTo(MappingKind.RESERVED);
        assertThat(regions.get(9).kind()).isEqualTo(MappingKind.ANONYMOUS);
        assertThat(regions.get(23).kind()).as("[stack] by its name").isEqualTo(MappingKind.STACK);
    }

    @Test
    void jvmRegionsComeOnlyFromTheFacts() throws Exception {
        ProcessFacts facts = new ProcessFacts("", List.of(), List.of(
                new ProcessFacts.JvmRegion(0x7f0000000000L, 0x7f0004000000L, MappingKind.JAVA_HEAP, "jcmd")));

        List<Region> regions = Classifier.classify(mappings(), 0, facts);

        assertThat(regions.get(6).kind()).isEqualTo(MappingKind.JAVA_HEAP);
        assertThat(regions.get(7).kind()).isEqualTo(MappingKind.JAVA_HEAP);
        assertThat(regions.get(7).label()).isEqualTo("jcmd");
    }

    /**
     * A JVM's memory that the kernel lists as a file: the CDS archive's archived heap inside the heap's range (and a
     * heap file of AllocateHeapAt, made and removed), ZGC's memfd, a heap in hugetlb pages. Each takes the JVM's
     * kind; the same archive outside the heap stays a file, and so does a file no JVM range overlaps. None of them
     * is a deleted file.
     */
    @Test
    void aJvmsMemoryMappedAsAFileTakesTheJvmsKind() throws Exception {
        String maps = String.join("\n",
                "27001000-27d95000 rw-p 00001000 fe:00 328744                             /jdk/lib/server/classes.jsa",
                "fc000000-ffe00000 rw-p 00000000 00:00 0 ",
                "ffe00000-fff24000 rw-p 01234000 fe:00 328744                             /jdk/lib/server/classes.jsa",
                "fff24000-100000000 rw-p 00000000 00:00 0 ",
                "100000000-100200000 rw-s 00000000 00:01 25                               /mnt/heap/jvmheap.XYZ (deleted)",
                "40000000000-40004000000 rw-s 00000000 00:01 25                           /memfd:java_heap (deleted)",
                "7f0000000000-7f0000400000 rw-p 00000000 00:11 39755                      /anon_hugepage (deleted)",
                "7f0000400000-7f0000401000 r--p 00000000 fe:00 77                         /tmp/data.bin") + "\n";
        ProcessFacts facts = new ProcessFacts("", List.of(), List.of(
                new ProcessFacts.JvmRegion(0xfc000000L, 0x100200000L, MappingKind.JAVA_HEAP, "G1 heap"),
                new ProcessFacts.JvmRegion(0x40000000000L, 0x40040000000L, MappingKind.JAVA_HEAP, "ZGC heap"),
                new ProcessFacts.JvmRegion(0x7f0000000000L, 0x7f0000400000L, MappingKind.CODE_CACHE, "code cache")));

        List<Region> regions = Classifier.classify(
                SmapsParser.parse(maps.getBytes(StandardCharsets.ISO_8859_1), "jvm.maps"), 0, facts);

        assertThat(regions).extracting(Region::kind).containsExactly(MappingKind.FILE, MappingKind.JAVA_HEAP,
                MappingKind.JAVA_HEAP, MappingKind.JAVA_HEAP, MappingKind.JAVA_HEAP, MappingKind.JAVA_HEAP,
                MappingKind.CODE_CACHE, MappingKind.FILE);
        assertThat(regions).extracting(Region::label).containsExactly("/jdk/lib/server/classes.jsa", "G1 heap",
                "CDS archived heap (classes.jsa)", "G1 heap", "G1 heap in /mnt/heap/jvmheap.XYZ", "ZGC heap",
                "code cache", "/tmp/data.bin");
        assertThat(regions).noneMatch(Region::deleted);
        assertThat(regions.get(6).hugetlb()).isTrue();

        // Without the JVM's ranges: files, memfd and hugetlb, as the kernel lists them.
        assertThat(Classifier.classify(SmapsParser.parse(maps.getBytes(StandardCharsets.ISO_8859_1), "jvm.maps"),
                0, ProcessFacts.NONE)).extracting(Region::kind).containsExactly(MappingKind.FILE, MappingKind.ANONYMOUS,
                MappingKind.FILE, MappingKind.ANONYMOUS, MappingKind.FILE, MappingKind.MEMFD, MappingKind.HUGETLB,
                MappingKind.FILE);
    }

    /**
     * The demo's bss after the program (ending 0x55d0c0a06000) and after libc (ending 0x7f00071d0000), told by the
     * images that their ELF headers give: inside an image it is the file's bss, at or past its end other memory.
     */
    @Test
    void anonymousMemoryAfterAFileIsItsBssOnlyInsideItsImage() throws Exception {
        int bss = 4;
        int libcBss = 19;
        ProcessFacts facts = new ProcessFacts("/opt/demo/bin/demo", List.of(), List.of());

        List<Region> inside = Classifier.classify(mappings(), STACK_START, facts.withImages(List.of(
                new ProcessFacts.LoadedImage(0x55d0c0a04000L, 0x55d0c0a05f00L),
                new ProcessFacts.LoadedImage(0x7f00071c3000L, 0x7f00071c3001L))));
        assertThat(inside.get(bss).kind()).isEqualTo(MappingKind.BSS);
        assertThat(inside.get(libcBss).kind()).isEqualTo(MappingKind.LIBRARY);
        assertThat(inside.get(libcBss).label()).isEqualTo("libc.so.6");

        List<Region> past = Classifier.classify(mappings(), STACK_START, facts.withImages(List.of(
                new ProcessFacts.LoadedImage(0x55d0c0a04000L, 0x55d0c0a04000L),
                new ProcessFacts.LoadedImage(0x7f00071c3000L, 0x7f00071c2ff8L))));
        assertThat(past.get(bss).kind()).isEqualTo(MappingKind.ANONYMOUS);
        assertThat(past.get(libcBss).kind()).isEqualTo(MappingKind.ANONYMOUS);
        assertThat(past.get(libcBss).label()).isEmpty();

        // An image known for another file mapping says nothing about these: the neighbour rule decides.
        List<Region> other = Classifier.classify(mappings(), STACK_START, facts.withImages(List.of(
                new ProcessFacts.LoadedImage(0x7f00071d5000L, 0x7f00071d5000L))));
        assertThat(kinds(other)).isEqualTo(kinds(Classifier.classify(mappings(), STACK_START, facts)));
        assertThat(other.get(bss).kind()).isEqualTo(MappingKind.BSS);
    }

    @Test
    void sharedObjectNames() {
        assertThat(Classifier.isSharedObject("libc.so.6")).isTrue();
        assertThat(Classifier.isSharedObject("libjvm.so")).isTrue();
        assertThat(Classifier.isSharedObject("ld-linux-x86-64.so.2")).isTrue();
        assertThat(Classifier.isSharedObject("libfoo.so.1.2.3")).isTrue();
        assertThat(Classifier.isSharedObject("notes.sort")).isFalse();
        assertThat(Classifier.isSharedObject("python3.11")).isFalse();
    }

    @Test
    void hugetlbFromTheFlagOrThePageSize() throws Exception {
        String smaps = "7f0000000000-7f0000200000 rw-s 00000000 00:10 5                          /dev/hugepages/x\n"
                + "Size:               2048 kB\nKernelPageSize:     2048 kB\nVmFlags: rd wr sh mr mw me ms de ht \n"
                + "7f0000200000-7f0000201000 rw-p 00000000 00:00 0 \n"
                + "Size:                  4 kB\nKernelPageSize:        4 kB\nVmFlags: rd wr mr mw me ac \n";
        List<Region> regions = Classifier.classify(
                SmapsParser.parse(smaps.getBytes(StandardCharsets.ISO_8859_1), "huge.smaps"), 0, ProcessFacts.NONE);

        assertThat(regions.get(0).hugetlb()).isTrue();
        assertThat(regions.get(1).hugetlb()).isFalse();
    }

    /**
     * The loader run as a command: exe is ld.so, and the program is the one executable file that is not a shared
     * object; with two such files, which the loader ran cannot be told, and neither is the program.
     */
    @Test
    void whenTheExecutableIsTheLoaderTheProgramIsTheOneOtherExecutableFile() throws Exception {
        String loaderRun = String.join("\n",
                "7f9bed936000-7f9bed95c000 r-xp 00026000 fe:00 339380                     /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f9bedb23000-7f9bedb25000 r--p 00000000 fe:00 260875                     /usr/bin/sleep",
                "7f9bedb25000-7f9bedb2a000 r-xp 00002000 fe:00 260875                     /usr/bin/sleep",
                "7f9bedb2d000-7f9bedb2e000 rw-p 0000a000 fe:00 260875                     /usr/bin/sleep",
                "7f9bedb36000-7f9bedb37000 r--p 00000000 fe:00 338944                     /usr/lib/ld-linux-x86-64.so.2",
                "7f9bedb37000-7f9bedb5d000 r-xp 00001000 fe:00 338944                     /usr/lib/ld-linux-x86-64.so.2")
                + "\n";
        ProcessFacts facts = new ProcessFacts("/usr/lib/ld-linux-x86-64.so.2", List.of(), List.of());
        List<Region> regions = Classifier.classify(
                SmapsParser.parse(loaderRun.getBytes(StandardCharsets.ISO_8859_1), "maps"), 0, facts);
        assertThat(regions).extracting(Region::kind).containsExactly(MappingKind.LIBRARY, MappingKind.PROGRAM,
                MappingKind.PROGRAM, MappingKind.PROGRAM, MappingKind.LIBRARY, MappingKind.LIBRARY);

        String twoCandidates = loaderRun
                + "7f9bedb70000-7f9bedb71000 r-xp 00000000 fe:00 260999                     /opt/tool/plugin\n";
        List<Region> ambiguous = Classifier.classify(
                SmapsParser.parse(twoCandidates.getBytes(StandardCharsets.ISO_8859_1), "maps"), 0, facts);
        assertThat(ambiguous).extracting(Region::kind).doesNotContain(MappingKind.PROGRAM);
    }

    /**
     * Threads of /tmp/facts/busy (src/test/c/busy.c) on a 6.18 kernel, trimmed: a thread blocked in read(2), two
     * that spin, and a malloc arena (guard above, no nh). Each glibc stack is an rw nh mapping over a ---p nh guard.
     */
    private static final String THREADS = String.join("\n",
            "7f9084000000-7f9084021000 rw-p 00000000 00:00 0 ",
            "VmFlags: rd wr mr mw me nr ",
            "7f9084021000-7f9088000000 ---p 00000000 00:00 0 ",
            "VmFlags: mr mw me nr ",
            "7f9091af7000-7f9091af8000 ---p 00000000 00:00 0 ",
            "VmFlags: mr mw me nh ",
            "7f9091af8000-7f90922f8000 rw-p 00000000 00:00 0 ",
            "VmFlags: rd wr mr mw me ac nh ",
            "7f90922f8000-7f90922f9000 ---p 00000000 00:00 0 ",
            "VmFlags: mr mw me nh ",
            "7f90922f9000-7f9092af9000 rw-p 00000000 00:00 0 ",
            "VmFlags: rd wr mr mw me ac nh ",
            "7f9092af9000-7f9092afa000 ---p 00000000 00:00 0 ",
            "VmFlags: mr mw me nh ",
            "7f9092afa000-7f90932fa000 rw-p 00000000 00:00 0 ",
            "VmFlags: rd wr mr mw me ac nh ",
            "7f90932fa000-7f90932fd000 rw-p 00000000 00:00 0 ",
            "VmFlags: rd wr mr mw me ac ") + "\n";

    private static List<Region> threads(List<ProcessFacts.UnplacedThread> unplaced, UnplacedStacks[] out)
            throws SmapsParser.MalformedProcText {
        ProcessFacts facts = new ProcessFacts("/tmp/facts/busy",
                List.of(new ProcessFacts.ThreadStack(8147, "blocked", 0x7f90922f6e30L)), unplaced, List.of(),
                List.of());
        Classifier.Classified classified = Classifier.classifyAll(
                SmapsParser.parse(THREADS.getBytes(StandardCharsets.ISO_8859_1), "busy.smaps"), 0, facts);
        out[0] = classified.unplaced();
        return classified.regions();
    }

    @Test
    void runningThreadsStacksAreToldByPthreadsLayoutWhenTheyAreTheOnlyOnes() throws Exception {
        UnplacedStacks[] unplaced = new UnplacedStacks[1];
        List<Region> regions = threads(List.of(
                new ProcessFacts.UnplacedThread(8143, "spinner0", ProcessFacts.Unplaced.RUNNING),
                new ProcessFacts.UnplacedThread(8146, "spinner1", ProcessFacts.Unplaced.RUNNING)), unplaced);

        assertThat(kinds(regions)).containsExactly(MappingKind.ANONYMOUS, MappingKind.RESERVED,
                MappingKind.GUARD, MappingKind.THREAD_STACK, MappingKind.GUARD, MappingKind.THREAD_STACK,
                MappingKind.GUARD, MappingKind.THREAD_STACK, MappingKind.ANONYMOUS);
        assertThat(regions.get(3).tid()).isEqualTo(8147);
        // Two running threads, two stacks: which is whose is not known.
        assertThat(regions.get(5).tid()).isZero();
        assertThat(regions.get(7).tid()).isZero();
        assertThat(unplaced[0].placedByLayout()).isTrue();
        assertThat(unplaced[0].note()).startsWith("2 threads were running (TID 8143 spinner0, TID 8146 spinner1)")
                .contains("told by pthread's layout").endsWith("so which stack is whose is not known");
    }

    @Test
    void oneRunningThreadWithOneStackLeftIsNamed() throws Exception {
        UnplacedStacks[] unplaced = new UnplacedStacks[1];
        String busy = THREADS.replace("7f9092afa000-7f90932fa000 rw-p", "7f9092afa000-7f90932fa000 rw-s");
        ProcessFacts facts = new ProcessFacts("/tmp/facts/busy",
                List.of(new ProcessFacts.ThreadStack(8147, "blocked", 0x7f90922f6e30L)),
                List.of(new ProcessFacts.UnplacedThread(8143, "spinner0", ProcessFacts.Unplaced.RUNNING)), List.of(),
                List.of());
        List<Region> regions = Classifier.classify(
                SmapsParser.parse(busy.getBytes(StandardCharsets.ISO_8859_1), "busy.smaps"), 0, facts);

        assertThat(regions.get(5).kind()).isEqualTo(MappingKind.THREAD_STACK);
        assertThat(regions.get(5).tid()).isEqualTo(8143);
        assertThat(regions.get(5).label()).isEqualTo("spinner0");
        assertThat(regions.get(4).tid()).as("its guard").isEqualTo(8143);
        assertThat(regions.get(7).kind()).as("shared: no stack").isEqualTo(MappingKind.SHARED_ANONYMOUS);
    }

    @Test
    void moreStackLikeMappingsThanRunningThreadsPlaceNone() throws Exception {
        UnplacedStacks[] unplaced = new UnplacedStacks[1];
        List<Region> regions = threads(List.of(
                new ProcessFacts.UnplacedThread(8143, "spinner0", ProcessFacts.Unplaced.RUNNING)), unplaced);

        assertThat(regions.get(5).kind()).isEqualTo(MappingKind.ANONYMOUS);
        assertThat(regions.get(7).kind()).isEqualTo(MappingKind.ANONYMOUS);
        assertThat(regions.get(6).kind()).isEqualTo(MappingKind.RESERVED);
        assertThat(unplaced[0].placedByLayout()).isFalse();
        assertThat(unplaced[0].note()).isEqualTo("1 thread was running (TID 8143 spinner0): the kernel gives a"
                + " thread's stack pointer only while it waits; its stack could not be placed and counted as"
                + " anonymous (a guard below as reserved), and the stacks' list lacks it");
    }

    @Test
    void hiddenStackPointersAndTargetNamesAreSaidEscaped() throws Exception {
        UnplacedStacks[] unplaced = new UnplacedStacks[1];
        threads(List.of(new ProcessFacts.UnplacedThread(9, "evil\u001b[2J", ProcessFacts.Unplaced.HIDDEN)), unplaced);

        assertThat(unplaced[0].note()).startsWith("1 thread hides its stack pointer (TID 9 evil\\x1b[2J)")
                .doesNotContain("\u001b");
        assertThat(threads(List.of(), unplaced)).extracting(Region::kind).contains(MappingKind.THREAD_STACK);
        assertThat(unplaced[0].note()).isNull();
    }
}
