package vmtool.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(JvmReport.parse(JDK17)).containsExactly(
                new JvmRegion(0x687400000L, 0x800000000L, MappingKind.JAVA_HEAP, "garbage-first heap"),
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
        assertThat(JvmReport.parse(JDK25_SERIAL)).containsExactly(
                new JvmRegion(0xfc000000L, 0x100000000L, MappingKind.JAVA_HEAP, "def new generation"),
                new JvmRegion(0x7f11bc3ff000L, 0x7f11cb400000L, MappingKind.CODE_CACHE, "code cache"),
                new JvmRegion(0x46000000L, 0x46000000L + (1L << 30), MappingKind.CLASS_SPACE, "class space node 0"));
    }

    @Test
    void zgcNamesNoHeapRange() {
        assertThat(JvmReport.parse(" ZHeap           used 8M, capacity 32M, max capacity 64M\n Metaspace used 1K\n"))
                .isEmpty();
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

        assertThat(JvmReport.parse(text)).containsExactly(
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

        assertThat(JvmReport.parse(text)).isEmpty();
    }

    @Test
    void escapeSequencesInNamesAreReplaced() {
        String text = String.join("\n",
                " \u001b]0;owned\u0007heap\u009b2J   total 1K, used 1K [0x0000000100000000, 0x0000000200000000)",
                "CodeHeap '\u001b[2Jprofiled\r': size=1Kb used=1Kb max_used=1Kb free=1Kb",
                " bounds [0x00007f0000001000, 0x00007f0000002000, 0x00007f0000003000]",
                "CodeHeap '" + "x".repeat(1000) + "': size=1Kb",
                " bounds [0x00007f0000004000, 0x00007f0000005000, 0x00007f0000006000]") + "\n";

        assertThat(JvmReport.parse(text)).containsExactly(
                new JvmRegion(0x100000000L, 0x200000000L, MappingKind.JAVA_HEAP, "?]0;owned?heap?2J"),
                new JvmRegion(0x7f0000001000L, 0x7f0000003000L, MappingKind.CODE_CACHE, "code heap '?[2Jprofiled?'"),
                new JvmRegion(0x7f0000004000L, 0x7f0000006000L, MappingKind.CODE_CACHE,
                        "code heap '" + "x".repeat(63) + "..."));
    }
}
