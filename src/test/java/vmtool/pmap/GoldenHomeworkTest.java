package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.proc.SmapsParser;

/**
 * {@code pmap -X 23877} of ./memory-user 100, from the VM intro homework (an older kernel: no Pss_Dirty, KSM,
 * ProtectionKey). The smaps fixture was reconstructed from that sample (the columns -X hides made up, consistent
 * with the shown ones); the expected text is the sample, byte for byte.
 *
 * <p>The homework's other sample, {@code pmap -X 7} of ./server, is not used: its totals do not add up (Rss,
 * Pss, Referenced and Anonymous are 212 kB less than the rows' sum), the mark of pmap 4.0.2 reading smaps twice
 * while the process changed; one read can never produce it.
 */
class GoldenHomeworkTest {
    private static final ProcessInfo MEMORY_USER = new ProcessInfo(23877, 23877, "./memory-user\0" + "100\0",
            "memory-user", 'S', 0x7ffe1fe0e8f0L);

    static String resource(String name) throws IOException {
        try (InputStream in = GoldenHomeworkTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static List<Mapping> homeworkMappings() throws Exception {
        byte[] smaps = resource("/smaps/homework-memory-user.smaps").getBytes(StandardCharsets.ISO_8859_1);
        return SmapsParser.parse(smaps, "homework-memory-user.smaps");
    }

    private static String render(Mode mode, boolean quiet) throws Exception {
        AddressSpace space = AddressSpace.of(MEMORY_USER, "homework-memory-user.smaps", true, homeworkMappings(),
                ProcessFacts.NONE);
        PmapConfig config = new PmapConfig(mode, quiet, false, false, AddressRange.ALL, Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextSink sink = new TextSink(out);
        Renderer.of(config).render(space, OptionalInt.empty(), DetailColumns.NONE, sink);
        sink.flush();
        return HeaderLine.format(MEMORY_USER, () -> false) + out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFixtureIsAnOlderKernelsSmaps() throws Exception {
        List<Mapping> mappings = homeworkMappings();

        assertThat(mappings).hasSize(24);
        assertThat(mappings.get(0).fields().names()).doesNotContain("Pss_Dirty", "KSM", "ProtectionKey")
                .contains("KernelPageSize", "Shared_Clean", "AnonHugePages");
        assertThat(mappings).allSatisfy(m -> assertThat(m.fields().valueOf("Size") * 1024).isEqualTo(m.size()));
    }

    @Test
    void pmapMoreDetailsIsTheSample() throws Exception {
        String expected = resource("/smaps/homework-memory-user.pmap-X.txt");

        assertThat(render(Mode.MORE, false)).isEqualTo(expected);
    }

    @Test
    void sampleKeepsItsTrailingBlanks() throws Exception {
        List<String> lines = resource("/smaps/homework-memory-user.pmap-X.txt").lines().toList();

        assertThat(lines.get(0)).isEqualTo("23877:   ./memory-user 100");
        assertThat(lines.get(lines.size() - 1)).endsWith(" 0 KB ");
        assertThat(lines.get(lines.size() - 2)).endsWith("=========== ");
        assertThat(lines).filteredOn(line -> line.startsWith("    7fdcb921b000")).singleElement().asString()
                .endsWith(" 0 ");
    }

    @Test
    void quietDropsHeaderAndFooterAndColumnsTakeTheWidthOfTheirValues() throws Exception {
        String quiet = render(Mode.MORE, true);

        List<String> lines = quiet.lines().toList();
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0)).isEqualTo("23877:   ./memory-user 100");
        assertThat(lines.get(1)).isEqualTo(
                "    561472fbd000 r--p 00000000 08:04 2111467      4   4  4   4  0 0 0 0 0 0 0 0 0 0 memory-user");
        assertThat(lines.get(7)).isEqualTo(
                "    7fdcb2bff000 rw-p 00000000 00:00       0 102404   4  4   4  4 0 0 0 0 0 0 0 0 0 ");
    }

    /** -XX on the same file: expected lines computed from the fixture's values (no pmap output to copy). */
    @Test
    void everythingShowsTheHiddenColumnsAndVmFlags() throws Exception {
        List<String> lines = render(Mode.ALL, false).lines().toList();

        assertThat(lines).hasSize(28);
        assertThat(lines.get(1)).isEqualTo("         Address Perm   Offset Device   Inode   Size KernelPageSize"
                + " MMUPageSize  Rss Pss Shared_Clean Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous"
                + " LazyFree AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap SwapPss"
                + " Locked THPeligible                 VmFlags Mapping");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(" ".repeat(46) + "105184             96          96"
                + " 1492 181         1372            0            12           108       1492       108        0"
                + "             0              0             0              0               0    0       0      0"
                + "           0 KB ");
        assertThat(lines.get(lines.size() - 3)).endsWith(" 0" + " ".repeat(22) + "ex [vsyscall]");
    }
}
