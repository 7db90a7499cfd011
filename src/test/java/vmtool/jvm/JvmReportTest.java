package vmtool.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts.JvmRegion;

/** JvmReport on jcmd's output as JDK 17 and JDK 25 print it (captured here, the chunk maps cut). */
class JvmReportTest {
    private static final String JDK17 = String.join("\n",
            "16715:",
            " garbage-first heap   total 397312K, used 17634K [0x0000000687400000, 0x0000000800000000)",
            "  region size 4096K, 4 young (16384K), 0 survivors (0K)",
            " Metaspace       used 8928K, committed 9088K, reserved 1114112K",
            "  class space    used 1062K, committed 1152K, reserved 1048576K",
            "CodeHeap 'non-profiled nmethods': size=120036Kb used=321Kb max_used=321Kb free=119714Kb",
            " bounds [0x00007fe174ec7000, 0x00007fe175137000, 0x00007fe17c400000]",
            "CodeHeap 'profiled nmethods': size=120032Kb used=1649Kb max_used=1649Kb free=118382Kb",
            " bounds [0x00007fe16d400000, 0x00007fe16d670000, 0x00007fe174938000]",
            " total_blobs=1435 nmethods=1020 adapters=329",
            "Virtual space lists:",
            "   Non-Class:",
            "vsl non-class-space:",
            "- node #0: base 0x00007fe0ff000000: reserved=65536.00 KB, committed=7936.00 KB ( 12%), used=16384.00 KB",
            " 0:0x00007fe0ff000000: CNNMLLLLLKLL",
            "commit mask, base 0x00007fe0ff000000:XXXXXXXXXXX----",
            "- total 1 nodes, 8388608 reserved words, 1015808 committed words.",
            "       Class:",
            "vsl class-space:",
            "- node #0: base 0x00007fe104000000: reserved=1048576.00 KB, committed=1152.00 KB ( <1%), used=16384.00 KB",
            "Chunk freelists:",
            "   Non-Class:",
            "  4m:    2, capacity=8.00 MB, committed=0 bytes (  0%)") + "\n";

    private static final String JDK25_SERIAL = String.join("\n",
            "16716:",
            " def new generation   total 4928K, used 1345K [0x00000000fc000000, 0x00000000fc550000, 0x00000000fd550000)",
            "  eden space 4416K,  30% used [0x00000000fc000000, 0x00000000fc150000, 0x00000000fc450000)",
            " tenured generation   total 10944K, used 0K [0x00000000fd550000, 0x00000000fe000000, 0x0000000100000000)",
            " Metaspace       used 9235K, committed 9408K, reserved 1114112K",
            "CodeCache: size=245764Kb, used=3441Kb, max_used=3467Kb, free=242321Kb",
            " bounds [0x00007f11bc3ff000, 0x00007f11bc66f000, 0x00007f11cb400000]",
            "vsl class-space:",
            "- node #0: base 0x0000000046000000: reserved=1048576.00 KB, committed=1216.00 KB ( <1%)") + "\n";

    @Test
    void jdk17G1() {
        assertThat(JvmReport.parse(JDK17).regions()).containsExactly(
                new JvmRegion(0x687400000L, 0x800000000L, MappingKind.JAVA_HEAP, "G1 heap"),
                new JvmRegion(0x7fe174ec7000L, 0x7fe17c400000L, MappingKind.CODE_CACHE,
                        "code heap 'non-profiled nmethods'"),
                new JvmRegion(0x7fe16d400000L, 0x7fe174938000L, MappingKind.CODE_CACHE,
                        "code heap 'profiled nmethods'"),
                new JvmRegion(0x7fe0ff000000L, 0x7fe0ff000000L + (64L << 20), MappingKind.METASPACE,
                        "metaspace node 0"),
                new JvmRegion(0x7fe104000000L, 0x7fe104000000L + (1L << 30), MappingKind.CLASS_SPACE,
                        "class space node 0"));
    }

    @Test
    void serialHeapIsBothGenerationsAndOneCodeCache() {
        assertThat(JvmReport.parse(JDK25_SERIAL).regions()).containsExactly(
                new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "Serial heap"),
                new JvmRegion(0x7f11bc3ff000L, 0x7f11cb400000L, MappingKind.CODE_CACHE, "code cache"),
                new JvmRegion(0x46000000L, 0x46000000L + (1L << 30), MappingKind.CLASS_SPACE, "class space node 0"));
    }

    @Test
    void jdk17G1IsG1WithoutSystemMap() {
        JvmReport report = JvmReport.parse(JDK17);

        assertThat(report.collector()).isEqualTo(Collector.G1);
        assertThat(report.systemMap()).isEqualTo(JvmReport.SystemMap.ABSENT);
    }

    @Test
    void zgcNamesNoHeapRange() {
        JvmReport report = JvmReport.parse("1:\n ZHeap           used 8M, capacity 32M, max capacity 64M\n"
                + " Metaspace used 1K\n");

        assertThat(report.collector()).isEqualTo(Collector.Z);
        assertThat(report.regions()).isEmpty();
        assertThat(report.hasHeap()).isFalse();
    }

    /**
     * Epsilon's heap_info gives the committed space only (16 MiB of a 1 GiB heap here, JDK 17 and 25): the heap is
     * its whole reservation, MaxHeapSize from the start, and no words of the answer name it ("space 16384K,").
     */
    @ParameterizedTest
    @ValueSource(strings = {"Epsilon Heap\nAllocation space:\n space 16384K,   3% used [0x00000000c0000000,"
            + " 0x00000000c009a658, 0x00000000c1000000)\n Metaspace       used 130K, committed 320K, reserved 1114112K\n",
            "Epsilon Heap\n Allocation space:\n  space 16384K,   7% used [0x00000000c0000000, 0x00000000c0145340,"
            + " 0x00000000c1000000)\n"})
    void epsilonsHeapIsItsWholeReservation(String heapInfo) {
        String flags = "-XX:CICompilerCount=2 -XX:InitialHeapSize=16777216 -XX:MaxHeapSize=1073741824"
                + " -XX:MinHeapDeltaBytes=172032 -XX:+UseEpsilonGC\n";

        JvmReport report = JvmReport.parse("1167:\n" + heapInfo + flags);

        assertThat(report.collector()).isEqualTo(Collector.EPSILON);
        assertThat(report.regions()).containsExactly(
                new JvmRegion(0xc0000000L, 0x100000000L, MappingKind.JAVA_HEAP, "Epsilon heap"));
        // Without VM.flags' answer, what heap_info gives: the committed space.
        assertThat(JvmReport.parse("1167:\n" + heapInfo).regions()).containsExactly(
                new JvmRegion(0xc0000000L, 0xc1000000L, MappingKind.JAVA_HEAP, "Epsilon heap"));
    }

    @Test
    void shenandoahsReservedRegion() {
        String text = String.join("\n", "10302:", "Shenandoah Heap",
                " 65536K max, 65536K soft max, 65536K committed, 2048K used", " 256 x 256 K regions",
                "Status: not cancelled", "Reserved region:", " - [0x00000000fc000000, 0x0000000100000000) ",
                "Collection set:", " - map (vanilla): 0x0000000000004f00", " - map (biased):  0x0000000000001000",
                "") + "\n";

        JvmReport report = JvmReport.parse(text);

        assertThat(report.collector()).isEqualTo(Collector.SHENANDOAH);
        assertThat(report.regions()).containsExactly(
                new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "Shenandoah heap"));
    }

    /** System.map's header and rows as JDK 25 prints them with -XX:NativeMemoryTracking=summary (cut). */
    private static final String SYSTEM_MAP = String.join("\n",
            "Memory mappings:",
            "vm info:         VM information (requires NMT)",
            "                   CARDTBL: GC Card table",
            "file:            file mapped, if mapping is not anonymous",
            "",
            "from               to                        vsize prot          rss      hugetlb pgsz notes            info"
                    + "                                  file",
            "=".repeat(168),
            "0x0000000027001000-0x0000000027d95000     14237696 rw-p     13361152            0 4K   com              CDS"
                    + "                                   /jdk/lib/server/classes.jsa",
            "0x0000000028050000-0x0000000068000000   1073414144 ---p            0            0 4K   -                "
                    + "CLASS                                 -",
            "0x00000000ffe00000-0x00000000fff24000      1196032 rw-p      1196032            0 4K   com              "
                    + "JAVAHEAP                              /jdk/lib/server/classes.jsa",
            "0x00007fb060020000-0x00007fb060400000      4063232 ---p            0            0 4K   -                "
                    + "META                                  -",
            "0x00007fb087ba8000-0x00007fb087ec7000      3272704 ---p            0            0 4K   -                "
                    + "CODE                                  -",
            "0x00007fb09c423000-0x00007fb09c427000        16384 ---p            0            0 4K   com              "
                    + "STACK-6770-Attach-Listener            -",
            "0x00007fb09d2ff000-0x00007fb09f400000     34607104 rw-p         8192            0 4K   com              GC"
                    + "                                    -",
            "0x00007f91c8f9d000-0x00007f91c92e4000      3436544 rw-p       172032            0 4K   com              "
                    + "CODE,GC                               -",
            "0x00007f91c9000000-0x00007f91c9100000      1048576 rw-p       172032            0 4K   com              "
                    + "CARDTBL                               -",
            "0x00007fb0a1a61000-0x00007fb0a1a62000         4096 ---p            0            0 4K   com              "
                    + "POLL                                  -",
            "0x00007fb0a183b000-0x00007fb0a1843000        32768 rw-s        32768            0 4K   shrd,com         "
                    + "INTERN                                /tmp/hsperfdata_root/6721",
            "",
            "Number of mappings: 184") + "\n";

    @Test
    void systemMapNamesTheCollectorsDataAndTheCodeHeapsSegmentMaps() {
        JvmReport report = JvmReport.parse("6721:\ngarbage-first heap   total reserved 65536K, committed 65536K,"
                + " used 2190K [0x00000000fc000000, 0x0000000100000000)\n" + SYSTEM_MAP);

        assertThat(report.systemMap()).isEqualTo(JvmReport.SystemMap.NAMED);
        assertThat(report.regions()).containsExactly(
                new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "G1 heap"),
                new JvmRegion(0x28050000L, 0x68000000L, MappingKind.CLASS_SPACE, "class space"),
                new JvmRegion(0xffe00000L, 0xfff24000L, MappingKind.JAVA_HEAP, "G1 heap"),
                new JvmRegion(0x7fb060020000L, 0x7fb060400000L, MappingKind.METASPACE, "metaspace"),
                new JvmRegion(0x7fb087ba8000L, 0x7fb087ec7000L, MappingKind.CODE_CACHE, "code cache"),
                new JvmRegion(0x7fb09d2ff000L, 0x7fb09f400000L, MappingKind.GC_DATA, "GC data"),
                new JvmRegion(0x7f91c8f9d000L, 0x7f91c92e4000L, MappingKind.CODE_CACHE, "code cache, GC data"),
                new JvmRegion(0x7f91c9000000L, 0x7f91c9100000L, MappingKind.GC_DATA, "card table"));
    }

    /**
     * System.map as it was first printed (the layout of HotSpot's first memMapPrinter.cpp): no from/to header, the range
     * as "from - to", NMT's names as words after the offset, a thread's stack with its details after STACK.
     */
    @Test
    void systemMapsFirstLayout() {
        String text = String.join("\n", "Memory mappings:", "", "  JAVAHEAP    Java Heap", "",
                "size          prot offset  What",
                "0x00000000fc000000 - 0x0000000100000000    67108864 rw-p 00000000         JAVAHEAP ",
                "0x00007fb09d2ff000 - 0x00007fb09f400000    34607104 rw-p 00000000         GC ",
                "0x00007f91c8f9d000 - 0x00007f91c92e4000     3436544 rw-p 00000000         CODE GC ",
                "0x00007fb09c427000 - 0x00007fb09c523000     1032192 rw-p 00000000         STACK 6770 GC Thread ",
                "0x00007fb0a183b000 - 0x00007fb0a1843000       32768 rw-s 00000000         INTERN /tmp/hsperfdata_root/1",
                "0x00007fb0a1879000 - 0x00007fb0a189f000      155648 r--p 00000000         /usr/lib/libc.so.6",
                "Total: 6 mappings with a total vsize of 1 (1 B)") + "\n";

        JvmReport report = JvmReport.parse(text);

        assertThat(report.systemMap()).isEqualTo(JvmReport.SystemMap.NAMED);
        assertThat(report.regions()).containsExactly(
                new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "Java heap"),
                new JvmRegion(0x7fb09d2ff000L, 0x7fb09f400000L, MappingKind.GC_DATA, "GC data"),
                new JvmRegion(0x7f91c8f9d000L, 0x7f91c92e4000L, MappingKind.CODE_CACHE, "code cache, GC data"));
        assertThat(JvmReport.parse("Memory mappings:\n (NMT is disabled, will not annotate mappings).\n"
                + "size          prot offset  What\n"
                + "0x00000000fc000000 - 0x0000000100000000    67108864 rw-p 00000000\n").systemMap())
                .isEqualTo(JvmReport.SystemMap.UNNAMED);
    }

    @Test
    void systemMapWithoutNativeMemoryTrackingNamesNothing() {
        String text = String.join("\n", "Memory mappings:", "NMT is disabled. VM info not available.",
                "from               to                        vsize prot          rss      hugetlb pgsz notes"
                        + "            info                                  file",
                "0x00000000fc000000-0x0000000100000000     67108864 rw-p      1310720            0 4K   com"
                        + "              -                                     -") + "\n";

        JvmReport report = JvmReport.parse(text);

        assertThat(report.systemMap()).isEqualTo(JvmReport.SystemMap.UNNAMED);
        assertThat(report.regions()).isEmpty();
    }

    /** System.map's rows are the target's text too: a row of the wrong shape is skipped. */
    @Test
    void hostileSystemMapRowsAreSkipped() {
        String header = "from               to                        vsize prot          rss      hugetlb pgsz notes"
                + "            info                                  file\n";
        String text = header + String.join("\n",
                "0x0000000000002000-0x0000000000001000 4096 rw-p 0 0 4K com GC -",
                "0xffffffffffff0000-0xffffffffffff1000 4096 rw-p 0 0 4K com GC -",
                "0x00000000000010000-0x0000000000002000 4096 rw-p 0 0 4K com GC -",
                "0x0000000000001000-0x00000000000020000 4096 rw-p 0 0 4K com GC -",
                "0x0000000000001000 0x0000000000002000 4096 rw-p 0 0 4K com GC -",
                "0x0000000000001000-0x0000000000002000 4096 rw-p 0 0 4K com",
                "0x0000000000001000-0x0000000000002000 4096 rw-p 0 0 4K com gc -",
                "0x0000000000001000-0x0000000000002000 4096 rw-p 0 0 4K com GC\u001b[2J -",
                "0x0000000000003000-0x0000000000004000 4096 rw-p 0 0 4K com GC -") + "\n";

        assertThat(JvmReport.parse(text).regions()).containsExactly(
                new JvmRegion(0x3000L, 0x4000L, MappingKind.GC_DATA, "GC data"));
    }

    @Test
    void aMaxHeapSizeThatIsNotPlainDigitsIsNotUsed() {
        String heap = "Epsilon Heap\n space 16384K, 3% used [0x00000000c0000000, 0x00000000c009a658,"
                + " 0x00000000c1000000)\n";
        for (String flag : new String[] {"-XX:MaxHeapSize=1e9", "-XX:MaxHeapSize=-1", "-XX:MaxHeapSize=0x40000000",
                "-XX:MaxHeapSize=99999999999999999999", "-XX:MaxHeapSize=9223372036854775807", "X-XX:MaxHeapSize=1024"}) {
            assertThat(JvmReport.parse(heap + flag + "\n").regions()).as(flag).containsExactly(
                    new JvmRegion(0xc0000000L, 0xc1000000L, MappingKind.JAVA_HEAP, "Epsilon heap"));
        }
    }

    /** The answer comes from the target's JVM: a line of the wrong shape is skipped, never an error or a bad range. */
    @Test
    void hostileNodeLinesAreSkipped() {
        String text = String.join("\n",
                "vsl non-class-space:",
                "- node #0 base 0x0000000010000000 reserved=65536.00 KB, committed=0 KB",
                "- node #1: base 0x0000000020000000: reserved=NaN KB, committed=0 KB",
                "- node #2: base 0x0000000030000000: reserved=Infinity KB, committed=0 KB",
                "- node #3: base 0x0000000040000000: reserved=1e300 KB, committed=0 KB",
                "- node #4: base 0x0000000050000000: reserved=-64.00 KB, committed=0 KB",
                "- node #5: base 0x7fffffffffff0000: reserved=99999999999999999999 GB, committed=0 KB",
                "- node #6: base 0x8000000000000000: reserved=64.00 KB, committed=0 KB",
                "- node #\u0661: base 0x0000000060000000: reserved=64.00 KB, committed=0 KB",
                "- node #7: base 0x0000000070000000: reserved=64.00 KB, committed=0 KB") + "\n";

        assertThat(JvmReport.parse(text).regions()).containsExactly(
                new JvmRegion(0x70000000L, 0x70000000L + (64L << 10), MappingKind.METASPACE, "metaspace node 7"));
    }

    @Test
    void hostileRangesAreSkipped() {
        String text = String.join("\n",
                " garbage-first heap   total 1K, used 1K [0x0000000100000000, 0x0000000080000000)",
                "CodeHeap 'non-profiled nmethods': size=1Kb used=1Kb max_used=1Kb free=1Kb",
                " bounds [0x00007f0000002000, 0x00007f0000001000, 0x00007f0000000000]",
                " bounds [0xffffffffffffffff, 0x00007f0000001000, 0x00007f0000003000]",
                " bounds [0x00007f0000001000, 0x00007f0000002000, 0x00000000000000000000007f0000003000]") + "\n";

        assertThat(JvmReport.parse(text).regions()).isEmpty();
    }

    @Test
    void escapeSequencesInNamesAreReplaced() {
        String text = String.join("\n",
                " \u001b]0;owned\u0007heap\u009b2J   total 1K, used 1K [0x0000000100000000, 0x0000000200000000)",
                "CodeHeap '\u001b[2Jprofiled\r': size=1Kb used=1Kb max_used=1Kb free=1Kb",
                " bounds [0x00007f0000001000, 0x00007f0000002000, 0x00007f0000003000]",
                "CodeHeap '" + "x".repeat(1000) + "': size=1Kb",
                " bounds [0x00007f0000004000, 0x00007f0000005000, 0x00007f0000006000]") + "\n";

        assertThat(JvmReport.parse(text).regions()).containsExactly(
                new JvmRegion(0x100000000L, 0x200000000L, MappingKind.JAVA_HEAP, "Java heap"),
                new JvmRegion(0x7f0000001000L, 0x7f0000003000L, MappingKind.CODE_CACHE, "code heap '?[2Jprofiled?'"),
                new JvmRegion(0x7f0000004000L, 0x7f0000006000L, MappingKind.CODE_CACHE,
                        "code heap '" + "x".repeat(63) + "..."));
    }
}
