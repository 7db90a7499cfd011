package vmtool.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts.JvmRegion;
import vmtool.proc.SmapsParser;

/** How JvmRegions completes the JVM's answer: ZGC's heap from its memfd views, and what is left unnamed. */
class JvmRegionsTest {
    private static List<Mapping> maps(String... lines) throws SmapsParser.MalformedProcText {
        return SmapsParser.parse((String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1), "maps");
    }

    /** JDK 17's ZGC (-Xmx64m): three views of the memfd, each 64 MiB used of a 1 GiB reservation. */
    @Test
    void jdk17ZgcsThreeViewsWithTheirReservations() throws Exception {
        List<Mapping> mappings = maps(
                "40000000000-40004000000 rw-s 00000000 00:01 1025                         /memfd:java_heap (deleted)",
                "40004000000-40040000000 ---p 00000000 00:00 0 ",
                "80000000000-80004000000 rw-s 00000000 00:01 1025                         /memfd:java_heap (deleted)",
                "80004000000-80040000000 ---p 00000000 00:00 0 ",
                "100000000000-100004000000 rw-s 00000000 00:01 1025                       /memfd:java_heap (deleted)",
                "100004000000-100040000000 ---p 00000000 00:00 0 ",
                "55d58a07e000-55d58a07f000 r--p 00000000 fe:00 327901                     /usr/lib/jvm/bin/java",
                "7f0000000000-7f0000001000 ---p 00000000 00:00 0 ");

        assertThat(JvmRegions.zgcHeap(mappings)).containsExactly(
                new JvmRegion(0x40000000000L, 0x40040000000L, MappingKind.JAVA_HEAP, "ZGC heap"),
                new JvmRegion(0x80000000000L, 0x80040000000L, MappingKind.JAVA_HEAP, "ZGC heap"),
                new JvmRegion(0x100000000000L, 0x100040000000L, MappingKind.JAVA_HEAP, "ZGC heap"));
    }

    /**
     * JDK 25's generational ZGC: one view, in pieces after uncommitting (reserved space before, between and after
     * them), in huge pages here; a reserved mapping not adjacent to the view, and another memfd, are not the heap.
     */
    @Test
    void oneViewInPieces() throws Exception {
        List<Mapping> mappings = maps(
                "3fff0000000-3fff0001000 ---p 00000000 00:00 0 ",
                "40000000000-40000200000 ---p 00000000 00:00 0 ",
                "40000200000-40000400000 rw-s 00200000 00:0f 25                           /memfd:java_heap.hugetlb (deleted)",
                "40000400000-40001000000 ---p 00000000 00:00 0 ",
                "40001000000-40001200000 rw-s 01000000 00:0f 25                           /memfd:java_heap.hugetlb (deleted)",
                "40001200000-40040000000 ---p 00000000 00:00 0 ",
                "40040000000-40040001000 rw-s 00000000 00:01 26                           /memfd:other (deleted)");

        assertThat(JvmRegions.zgcHeap(mappings)).containsExactly(
                new JvmRegion(0x40000000000L, 0x40040000000L, MappingKind.JAVA_HEAP, "ZGC heap"));
    }

    @Test
    void whatIsLeftUnnamedDependsOnSystemMap() throws Exception {
        JvmRegion heap = new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "G1 heap");
        List<Mapping> none = List.of();

        assertThat(JvmRegions.found(new JvmReport(Collector.G1, List.of(heap), JvmReport.SystemMap.NAMED), none))
                .isEqualTo(new JvmRegions.Found(List.of(heap), null));
        assertThat(JvmRegions.found(new JvmReport(Collector.G1, List.of(heap), JvmReport.SystemMap.UNNAMED), none)
                .unnamed()).contains("only when it runs with -XX:NativeMemoryTracking=summary");
        assertThat(JvmRegions.found(new JvmReport(Collector.G1, List.of(heap), JvmReport.SystemMap.ABSENT), none)
                .unnamed()).contains("only System.map names them, from JDK 22 on");
    }

    /** With System.map naming ZGC's heap, the views are not looked for. */
    @Test
    void zgcsHeapFromSystemMapIsKept() throws Exception {
        JvmRegion named = new JvmRegion(0x40000000000L, 0x40004000000L, MappingKind.JAVA_HEAP, "ZGC heap");
        List<Mapping> mappings = maps(
                "40000000000-40004000000 rw-s 00000000 00:01 25                           /memfd:java_heap (deleted)",
                "40004000000-40040000000 ---p 00000000 00:00 0 ");

        assertThat(JvmRegions.found(new JvmReport(Collector.Z, List.of(named), JvmReport.SystemMap.NAMED), mappings)
                .regions()).containsExactly(named);
        assertThat(JvmRegions.found(new JvmReport(Collector.Z, List.of(), JvmReport.SystemMap.ABSENT), mappings)
                .regions()).containsExactly(
                        new JvmRegion(0x40000000000L, 0x40040000000L, MappingKind.JAVA_HEAP, "ZGC heap"));
    }
}
