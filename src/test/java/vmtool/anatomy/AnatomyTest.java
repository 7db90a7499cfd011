package vmtool.anatomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.proc.SmapsParser;

/**
 * Anatomy and its renderers on what no live process here can produce: [anon:NAME] (this kernel refuses
 * PR_SET_VMA_ANON_NAME) and hugetlb pages (none are reserved), in smaps as kernel 6.x writes them.
 */
class AnatomyTest {
    private static final String FIELDS = "Size:               %d kB\nKernelPageSize:     %d kB\nMMUPageSize:        %d kB\n"
            + "Rss:                %d kB\nPss:                %d kB\nShared_Clean:          0 kB\n"
            + "Shared_Dirty:       %d kB\nPrivate_Clean:         0 kB\nPrivate_Dirty:      %d kB\n"
            + "Swap:               %d kB\nVmFlags: %s\n";

    private static String mapping(String line, long sizeKb, int pageKb, long rss, long sharedDirty,
                                  long privateDirty, long swap, String flags) {
        return line + "\n" + String.format(FIELDS, sizeKb, pageKb, pageKb, rss, rss, sharedDirty, privateDirty, swap,
                flags);
    }

    private static final String SMAPS =
            mapping("55d0c0a00000-55d0c0a01000 r-xp 00000000 fe:00 1001                       /opt/demo/bin/demo",
                    4, 4, 4, 0, 0, 0, "rd ex mr mw me")
            + mapping("7f0000000000-7f0000400000 rw-s 00000000 00:10 4242                       /dev/hugepages/buf",
                    4096, 2048, 2048, 2048, 0, 0, "rd wr sh mr mw me ms de ht")
            + mapping("7f0000600000-7f0000610000 rw-p 00000000 00:00 0                          [anon:arena]",
                    64, 4, 16, 0, 16, 8, "rd wr mr mw me ac")
            + mapping("7f0000610000-7f0000611000 rw-p 00000000 00:00 0                          [anon:arena]",
                    4, 4, 4, 0, 4, 0, "rd wr mr mw me ac")
            + mapping("7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]",
                    132, 4, 12, 0, 12, 0, "rd wr mr mw me gd ac");

    private static Anatomy anatomy() throws Exception {
        AddressSpace space = AddressSpace.of(new ProcessInfo(77, 77, "demo\0", "demo", 'S', 0x7ffd00020f00L),
                "/proc/77/smaps", false, SmapsParser.parse(SMAPS.getBytes(StandardCharsets.ISO_8859_1), "smaps"),
                new ProcessFacts("/opt/demo/bin/demo", List.of(), List.of()));
        return Anatomy.of(space, null);
    }

    @Test
    void kindsSumsSpanAndGap() throws Exception {
        Anatomy anatomy = anatomy();

        assertThat(anatomy.kinds()).containsExactly(
                new Anatomy.KindRow(MappingKind.PROGRAM, 1, 4, 4, 4, 0, 0),
                new Anatomy.KindRow(MappingKind.STACK, 1, 132, 12, 12, 12, 0),
                new Anatomy.KindRow(MappingKind.HUGETLB, 1, 4096, 2048, 2048, 2048, 0),
                new Anatomy.KindRow(MappingKind.NAMED, 2, 68, 20, 20, 20, 8));
        assertThat(anatomy.total()).isEqualTo(new Anatomy.KindRow(null, 5, 4300, 2084, 2084, 2080, 8));
        assertThat(anatomy.span()).isEqualTo(new Anatomy.Range(0x55d0c0a00000L, 0x7ffd00021000L));
        assertThat(anatomy.largestGap()).isEqualTo(new Anatomy.Range(0x55d0c0a01000L, 0x7f0000000000L));
        assertThat(anatomy.hugetlb()).extracting(r -> r.mapping().name()).containsExactly("/dev/hugepages/buf");
        assertThat(anatomy.deleted()).isEmpty();
        assertThat(anatomy.stacks()).hasSize(1);
        assertThat(anatomy.stacks().get(0).tid()).isEqualTo(77);
    }

    @Test
    void textLayout() throws Exception {
        assertThat(new TextRenderer(false, false).render(anatomy())).isEqualTo(String.join("\n",
                "77:   demo",
                "KIND     MAPPINGS  SIZE_KB  RSS_KB  PSS_KB  DIRTY_KB  SWAP_KB",
                "program         1        4       4       4         0        0",
                "stack           1      132      12      12        12        0",
                "hugetlb         1     4096    2048    2048      2048        0",
                "named           2       68      20      20        20        8",
                "total           5     4300    2084    2084      2080        8",
                "4 kinds of region in 5 mappings",
                "span:        0x55d0c0a00000-0x7ffd00021000  (42.2 TiB)",
                "largest gap: 0x55d0c0a01000-0x7f0000000000  (41.2 TiB unmapped)",
                "stacks:",
                "  TID  THREAD  RANGE                          SIZE_KB  GUARD_KB",
                "   77  demo    0x7ffd00000000-0x7ffd00021000      132         0",
                "hugetlb:",
                "  0x7f0000000000-0x7f0000400000 rw-s hugetlb /dev/hugepages/buf",
                ""));
    }

    @Test
    void csvAndJson() throws Exception {
        assertThat(CsvRenderer.render(anatomy())).startsWith("kind,mappings,size_kb,rss_kb,pss_kb,dirty_kb,swap_kb,"
                + "meaning\r\nprogram,1,4,4,4,0,0,").contains("\r\nnamed,2,68,20,20,20,8,\"anonymous memory the program"
                + " named ([anon:NAME]), or another region the kernel names\"\r\n");
        String json = JsonRenderer.render(anatomy(), true);
        assertThat(json).startsWith("{\"schema\":\"vmtool-anatomy\",\"schema_version\":2,\"pid\":77,")
                .contains("\"largest_gap\":{\"start\":\"0x55d0c0a01000\",\"end\":\"0x7f0000000000\",\"size_kb\":"
                        + (0x7f0000000000L - 0x55d0c0a01000L) / 1024 + "}")
                .contains("\"hugetlb\":[{\"start\":\"0x7f0000000000\",\"end\":\"0x7f0000400000\",\"perms\":\"rw-s\","
                        + "\"kind\":\"hugetlb\",\"name\":\"/dev/hugepages/buf\"")
                .contains("{\"start\":\"0x7f0000600000\",\"end\":\"0x7f0000610000\",\"perms\":\"rw-p\",\"kind\":"
                        + "\"named\",\"name\":\"[anon:arena]\",\"label\":\"arena\",\"tid\":null,\"deleted\":false,"
                        + "\"hugetlb\":false,\"size_kb\":64,\"rss_kb\":16,\"pss_kb\":16,\"dirty_kb\":16,\"swap_kb\":8}");
    }

    @Test
    void humanSizes() {
        assertThat(Sizes.human(0)).isEqualTo("0 kB");
        assertThat(Sizes.human(1023)).isEqualTo("1023 kB");
        assertThat(Sizes.human(1024)).isEqualTo("1.0 MiB");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 MiB");
        assertThat(Sizes.human(1048575)).isEqualTo("1024.0 MiB");
        assertThat(Sizes.human(-1L >>> 10)).isEqualTo("16.0 EiB");
    }
}
