package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.model.Mapping;
import vmtool.model.SmapsFields;

/**
 * The smaps/maps parser on the lines the kernel really writes. Mapping lines are copied from /proc/PID/maps of a
 * 6.18 kernel (name at column 73, an anonymous mapping's line ending in a blank after the inode); the rest are
 * hand-written in the same format.
 */
class SmapsParserTest {

    private static List<Mapping> parse(byte[] text) throws SmapsParser.MalformedProcText {
        return SmapsParser.parse(text, "test");
    }

    private static List<Mapping> parse(String latin1) throws SmapsParser.MalformedProcText {
        return parse(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Mapping parseOne(String line) throws SmapsParser.MalformedProcText {
        List<Mapping> mappings = parse(line + "\n");
        assertThat(mappings).hasSize(1);
        return mappings.get(0);
    }

    // ---- mapping lines ----

    static Stream<Arguments> mappingLines() {
        return Stream.of(
                Arguments.of("file",
                        "55c661648000-55c66164a000 r--p 00000000 fe:00 260131                     /usr/bin/cat",
                        0x55c661648000L, 0x55c66164aL << 12, "55c661648000", "r--p", "00000000", "fe:00", "260131",
                        "/usr/bin/cat"),
                Arguments.of("no name: the kernel ends the line with a blank after the inode",
                        "7f06266ab000-7f06266cd000 rw-p 00000000 00:00 0 ",
                        0x7f06266ab000L, 0x7f06266cd000L, "7f06266ab000", "rw-p", "00000000", "00:00", "0", ""),
                Arguments.of("no name and no blank (maps of some older kernels)",
                        "7f06266ab000-7f06266cd000 rw-p 00000000 00:00 0",
                        0x7f06266ab000L, 0x7f06266cd000L, "7f06266ab000", "rw-p", "00000000", "00:00", "0", ""),
                Arguments.of("[heap]",
                        "55fec417c000-55fec430b000 rw-p 00000000 00:00 0                          [heap]",
                        0x55fec417c000L, 0x55fec430b000L, "55fec417c000", "rw-p", "00000000", "00:00", "0", "[heap]"),
                Arguments.of("[stack]",
                        "7ffef2e4e000-7ffef2e6f000 rw-p 00000000 00:00 0                          [stack]",
                        0x7ffef2e4e000L, 0x7ffef2e6f000L, "7ffef2e4e000", "rw-p", "00000000", "00:00", "0", "[stack]"),
                Arguments.of("[vsyscall]: a 64-bit address above Long.MAX_VALUE",
                        "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
                        0xffffffffff600000L, 0xffffffffff601000L, "ffffffffff600000", "--xp", "00000000", "00:00",
                        "0", "[vsyscall]"),
                Arguments.of("[anon:name] (prctl PR_SET_VMA_ANON_NAME)",
                        "7f1c2a400000-7f1c2a600000 rw-p 00000000 00:00 0                          [anon:libc_malloc]",
                        0x7f1c2a400000L, 0x7f1c2a600000L, "7f1c2a400000", "rw-p", "00000000", "00:00", "0",
                        "[anon:libc_malloc]"),
                Arguments.of("path with spaces, deleted, shared",
                        "7fc6ebc3d000-7fc6ebc3e000 r--s 00000000 fe:00 2146663                    /tmp/a b/c d (deleted)",
                        0x7fc6ebc3d000L, 0x7fc6ebc3e000L, "7fc6ebc3d000", "r--s", "00000000", "fe:00", "2146663",
                        "/tmp/a b/c d (deleted)"),
                Arguments.of("newline in a path, as the kernel escapes it",
                        "7fc6ebc3d000-7fc6ebc3e000 r--p 00000000 fe:00 2146663                    /tmp/nl\\012name",
                        0x7fc6ebc3d000L, 0x7fc6ebc3e000L, "7fc6ebc3d000", "r--p", "00000000", "fe:00", "2146663",
                        "/tmp/nl\\012name"),
                Arguments.of("32-bit width addresses (%08lx), name not padded when the prefix is short",
                        "00400000-00812000 r--p 00000000 08:01 1565106 /usr/local/educative/server",
                        0x400000L, 0x812000L, "00400000", "r--p", "00000000", "08:01", "1565106",
                        "/usr/local/educative/server"),
                Arguments.of("NVMe device major 259 (three hex digits), offset past 4 GiB",
                        "7f0000000000-7f0000001000 r--s 123456000 103:02 98765432109              /data/big.bin",
                        0x7f0000000000L, 0x7f0000001000L, "7f0000000000", "r--s", "123456000", "103:02",
                        "98765432109", "/data/big.bin"),
                Arguments.of("System V shared memory",
                        "7f3a5c000000-7f3a5c001000 rw-s 00000000 00:01 32769                      /SYSV00000000 (deleted)",
                        0x7f3a5c000000L, 0x7f3a5c001000L, "7f3a5c000000", "rw-s", "00000000", "00:01", "32769",
                        "/SYSV00000000 (deleted)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappingLines")
    void mappingLine(String what, String line, long start, long end, String startText, String perms, String offset,
                     String device, String inode, String name) throws Exception {
        Mapping mapping = parseOne(line);

        assertThat(mapping.start()).as("start").isEqualTo(start);
        assertThat(mapping.end()).as("end").isEqualTo(end);
        assertThat(mapping.startText()).isEqualTo(startText);
        assertThat(mapping.perms().text()).isEqualTo(perms);
        assertThat(mapping.offsetText()).isEqualTo(offset);
        assertThat(mapping.device().text()).isEqualTo(device);
        assertThat(mapping.inodeText()).isEqualTo(inode);
        assertThat(mapping.name()).isEqualTo(name);
        assertThat(mapping.fields()).as("maps lines have no fields").isSameAs(SmapsFields.none());
        assertThat(mapping.vmFlags()).isNull();
    }

    /**
     * Lines after the first whose device is the line before's are read by the parser's one-pass fast path when they
     * are in the kernel's form, and by the general path when not: each must come out as the same mapping as when it
     * is read alone (the first line always takes the general path), with its text kept where it is not the kernel's.
     */
    static Stream<Arguments> linesAfterALineOfTheSameDevice() {
        Stream<Arguments> odd = Stream.of(
                Arguments.of("uppercase hex", "7F0000000000-7F0000001000 r--p 00000000 fe:00 7 /u"),
                Arguments.of("a leading zero in a 9-digit start", "07f000000-07f001000 r--p 00000000 fe:00 7 /z"),
                Arguments.of("a short start", "7f00-7f0000001000 r--p 00000000 fe:00 7 /s"),
                Arguments.of("a short offset", "7f0000000000-7f0000001000 r--p 0 fe:00 7 /o"),
                Arguments.of("a 9-digit offset with a leading zero",
                        "7f0000000000-7f0000001000 r--p 012345678 fe:00 7 /o"),
                Arguments.of("an inode with a leading zero",
                        "7f0000000000-7f0000001000 r--p 00000000 fe:00 007 /i"),
                Arguments.of("a tab before the name",
                        "7f0000000000-7f0000001000 r--p 00000000 fe:00 7 \t /t"),
                Arguments.of("blanks and a tab, no name", "7f0000000000-7f0000001000 r--p 00000000 fe:00 7 \t "),
                Arguments.of("a 16-digit start",
                        "ffffffffff600000-ffffffffff601000 --xp 00000000 fe:00 0 [vsyscall]"),
                Arguments.of("a 19-digit inode",
                        "7f0000000000-7f0000001000 r--p 00000000 fe:00 1234567890123456789 /b"));
        return Stream.concat(mappingLines().map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[1])),
                odd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linesAfterALineOfTheSameDevice")
    void aLineAfterALineOfTheSameDeviceIsTheMappingItIsAlone(String what, String line) throws Exception {
        String device = line.split(" +")[3];
        List<Mapping> both = parse("00001000-00002000 r--p 00000000 " + device + " 0 \n" + line + "\n");

        assertThat(both).hasSize(2);
        assertThat(both.get(1)).isEqualTo(parseOne(line));
        assertThat(both.get(1).startText()).isEqualTo(line.substring(0, line.indexOf('-')));
    }

    @Test
    void lineNotOfTheFormAfterALineOfTheSameDeviceIsRefusedAsAlone() {
        for (String bad : List.of("7f0000000000-7f0000001000 r--p 00000000 fe:00 7\t/tab-after-the-inode",
                "7f0000000000-7f0000001000 r--p 00000000 fe:00 7x /x",
                "7f0000000000-7f0000001000 r--q 00000000 fe:00 7")) {
            assertThatThrownBy(() -> parse("00001000-00002000 r--p 00000000 fe:00 0 \n" + bad + "\n"))
                    .as(bad).isInstanceOf(SmapsParser.MalformedProcText.class)
                    .hasMessage(messageAlone(bad).replace("line 1", "line 2"));
        }
    }

    private static String messageAlone(String line) {
        try {
            parseOne(line);
        } catch (SmapsParser.MalformedProcText e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + line + "' was taken alone");
    }

    /** A mapping line at {@code start} (in pages), anonymous, then its Rss and Pss in kB. */
    private static String anonymous(int page, int rssKb, int pssKb) {
        return String.format("%012x-%012x rw-p 00000000 00:00 0 \nSize:                  4 kB\n"
                + "Rss:                %4d kB\nPss:                %4d kB\nVmFlags: rd wr mr mw me ac \n",
                0x7f0000000000L + page * 4096L, 0x7f0000001000L + page * 4096L, rssKb, pssKb);
    }

    @Test
    void repeatedFieldValuesAreOneObjectAndEachMappingKeepsItsOwnValues() throws Exception {
        int[][] values = {{4, 4}, {0, 0}, {4, 4}, {0, 0}, {4, 2}, {4, 4}, {4, 2}, {0, 0}, {0, 0}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            text.append(anonymous(i, values[i][0], values[i][1]));
        }
        List<Mapping> mappings = parse(text.toString());
        assertThat(mappings).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            SmapsFields fields = mappings.get(i).fields();
            assertThat(fields.valueOf("Rss")).as("mapping %d", i).isEqualTo(values[i][0]);
            assertThat(fields.valueOf("Pss")).as("mapping %d", i).isEqualTo(values[i][1]);
        }
        // The last two distinct value lists are reused: 4/4 and 0/0 alternate; after 4/2, 4/4 is older than the last
        // two (a new object), and 4/2 again is the one before.
        assertThat(mappings.get(2).fields()).isSameAs(mappings.get(0).fields());
        assertThat(mappings.get(3).fields()).isSameAs(mappings.get(1).fields());
        assertThat(mappings.get(5).fields()).isNotSameAs(mappings.get(0).fields());
        assertThat(mappings.get(6).fields()).isSameAs(mappings.get(4).fields());
        assertThat(mappings.get(8).fields()).isSameAs(mappings.get(7).fields());
    }

    @Test
    void aStreamParsedWithAFilterKeepsOnlyWhatItTakes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(anonymous(i, i % 5, i % 3));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Mapping> all = SmapsParser.parse(new java.io.ByteArrayInputStream(bytes), "test");
        List<Mapping> kept = SmapsParser.parse(new java.io.ByteArrayInputStream(bytes), "test",
                mapping -> mapping.fields().valueOf("Rss") == 3);
        assertThat(all).hasSize(2000);
        assertThat(kept).hasSize(400).allSatisfy(mapping -> assertThat(mapping.fields().valueOf("Rss")).isEqualTo(3));
        assertThat(kept.get(1).start()).isEqualTo(all.get(8).start());
    }

    @Test
    void textNotInTheKernelsFormIsKeptAsWritten() throws Exception {
        Mapping odd = parseOne("7F00-7F0000001000 r--p 0 fe:00 007                            /odd");
        Mapping kernel = parseOne("7f0000000000-7f0000001000 r--p 00000000 fe:00 7               /odd");

        assertThat(odd.startText()).isEqualTo("7F00");
        assertThat(odd.start()).isEqualTo(0x7f00L);
        assertThat(odd.offsetText()).isEqualTo("0");
        assertThat(odd.inodeText()).isEqualTo("007");
        assertThat(odd.inode()).isEqualTo(7);
        assertThat(kernel.startText()).isEqualTo("7f0000000000");
        assertThat(kernel.offsetText()).isEqualTo("00000000");
        assertThat(kernel.inodeText()).isEqualTo("7");
        assertThat(parseOne("00400000-00401000 r--p 00000000 fe:00 0 ").startText()).isEqualTo("00400000");
    }

    @Test
    void derivedValuesOfAMapping() throws Exception {
        Mapping vsyscall = parseOne(
                "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]");
        Mapping nvme = parseOne(
                "7f0000000000-7f0000001000 r--s 123456000 103:02 98765432109              /data/big.bin");

        assertThat(vsyscall.size()).isEqualTo(4096);
        assertThat(vsyscall.perms().shared()).isFalse();
        assertThat(vsyscall.perms().execute()).isTrue();
        assertThat(vsyscall.perms().read()).isFalse();
        assertThat(nvme.perms().shared()).isTrue();
        assertThat(nvme.device().major()).isEqualTo(0x103);
        assertThat(nvme.device().minor()).isEqualTo(2);
        assertThat(nvme.offset()).isEqualTo(0x123456000L);
    }

    @Test
    void invalidUtf8InANameSurvivesByteForByte() throws Exception {
        // A real line: a file named "with space\xff\xfe name", mapped, then deleted.
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("7fc6ebc3d000-7fc6ebc3e000 r--s 00000000 fe:00 2146663                    "
                .getBytes(StandardCharsets.US_ASCII));
        byte[] name = {'/', 't', 'm', 'p', '/', 'w', 'i', 't', 'h', ' ', 's', 'p', 'a', 'c', 'e', (byte) 0xff,
                (byte) 0xfe, ' ', 'n', 'a', 'm', 'e', ' ', '(', 'd', 'e', 'l', 'e', 't', 'e', 'd', ')'};
        line.writeBytes(name);
        line.write('\n');

        Mapping mapping = parse(line.toByteArray()).get(0);

        assertThat(mapping.name().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(name);
        assertThat(mapping.name()).hasSize(name.length);
    }

    @Test
    void nameThatIsAValidUtf8SequenceIsStillOneCharPerByte() throws Exception {
        byte[] text = "7fc6ebc3d000-7fc6ebc3e000 r--p 00000000 fe:00 2146663                    /tmp/caf\u00e9\n"
                .getBytes(StandardCharsets.UTF_8);

        Mapping mapping = parse(text).get(0);

        assertThat(mapping.name()).isEqualTo("/tmp/caf\u00c3\u00a9");
    }

    // ---- smaps fields ----

    /** The keys of a 6.18 kernel, in its order (from this machine's /proc/self/smaps). */
    static final List<String> KEYS_6_18 = List.of("Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty",
            "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous", "KSM",
            "LazyFree", "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb",
            "Swap", "SwapPss", "Locked", "THPeligible", "ProtectionKey");

    private static final String CAT_TEXT = """
            559e2ed47000-559e2ed49000 r--p 00000000 fe:00 260131                     /usr/bin/cat
            Size:                  8 kB
            KernelPageSize:        4 kB
            MMUPageSize:           4 kB
            Rss:                   8 kB
            Pss:                   4 kB
            Pss_Dirty:             0 kB
            Shared_Clean:          8 kB
            Shared_Dirty:          0 kB
            Private_Clean:         0 kB
            Private_Dirty:         0 kB
            Referenced:            8 kB
            Anonymous:             0 kB
            KSM:                   0 kB
            LazyFree:              0 kB
            AnonHugePages:         0 kB
            ShmemPmdMapped:        0 kB
            FilePmdMapped:         0 kB
            Shared_Hugetlb:        0 kB
            Private_Hugetlb:       0 kB
            Swap:                  0 kB
            SwapPss:               0 kB
            Locked:                0 kB
            THPeligible:           1
            ProtectionKey:         3
            VmFlags: rd mr mw me\s
            7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0                          [stack]
            Size:                136 kB
            KernelPageSize:        4 kB
            MMUPageSize:           4 kB
            Rss:                  20 kB
            Pss:                  20 kB
            Pss_Dirty:            20 kB
            Shared_Clean:          0 kB
            Shared_Dirty:          0 kB
            Private_Clean:         0 kB
            Private_Dirty:        20 kB
            Referenced:           20 kB
            Anonymous:            20 kB
            KSM:                   0 kB
            LazyFree:              0 kB
            AnonHugePages:         0 kB
            ShmemPmdMapped:        0 kB
            FilePmdMapped:         0 kB
            Shared_Hugetlb:        0 kB
            Private_Hugetlb:       0 kB
            Swap:                  0 kB
            SwapPss:               0 kB
            Locked:                0 kB
            THPeligible:           0
            ProtectionKey:         0
            VmFlags: rd wr mr mw me gd ac\s
            """;

    @Test
    void fieldsInKernelOrderWithTheirValues() throws Exception {
        List<Mapping> mappings = parse(CAT_TEXT);

        assertThat(mappings).hasSize(2);
        Mapping cat = mappings.get(0);
        assertThat(cat.name()).isEqualTo("/usr/bin/cat");
        assertThat(cat.fields().names()).containsExactlyElementsOf(KEYS_6_18);
        assertThat(cat.fields().size()).isEqualTo(KEYS_6_18.size());
        assertThat(cat.fields().valueOf("Size")).isEqualTo(8);
        assertThat(cat.fields().valueOf("Pss")).isEqualTo(4);
        assertThat(cat.fields().valueOf("Shared_Clean")).isEqualTo(8);
        assertThat(cat.fields().name(0)).isEqualTo("Size");
        assertThat(cat.fields().value(4)).isEqualTo(4);
        assertThat(cat.fields().indexOf("Pss_Dirty")).isEqualTo(5);
        assertThat(cat.fields().indexOf("Pss_Anon")).isEqualTo(-1);
        assertThat(cat.fields().valueOf("Pss_Anon")).as("a key this kernel does not write").isZero();
        Mapping stack = mappings.get(1);
        assertThat(stack.fields().valueOf("Size")).isEqualTo(136);
        assertThat(stack.fields().valueOf("Private_Dirty")).isEqualTo(20);
    }

    @Test
    void keysWithoutKbAreNumbersToo() throws Exception {
        Mapping cat = parse(CAT_TEXT).get(0);

        assertThat(cat.fields().valueOf("THPeligible")).isEqualTo(1);
        assertThat(cat.fields().valueOf("ProtectionKey")).isEqualTo(3);
    }

    @Test
    void vmFlagsLoseOnlyTheKernelsTrailingBlankAndAreNotAField() throws Exception {
        List<Mapping> mappings = parse(CAT_TEXT);

        assertThat(mappings.get(0).vmFlags()).isEqualTo("rd mr mw me");
        assertThat(mappings.get(1).vmFlags()).isEqualTo("rd wr mr mw me gd ac");
        assertThat(mappings.get(0).fields().names()).doesNotContain("VmFlags");
    }

    @Test
    void mappingsWithTheSameKeysShareOneKeyList() throws Exception {
        List<Mapping> mappings = parse(CAT_TEXT);

        assertThat(mappings.get(1).fields().names()).isSameAs(mappings.get(0).fields().names());
        assertThat(mappings.get(0).fields().names()).isUnmodifiable();
    }

    @Test
    void olderKernelWithoutPssDirtyKsmProtectionKey() throws Exception {
        String text = """
                7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0                          [stack]
                Size:                136 kB
                KernelPageSize:        4 kB
                MMUPageSize:           4 kB
                Rss:                  20 kB
                Pss:                  20 kB
                Shared_Clean:          0 kB
                Shared_Dirty:          0 kB
                Private_Clean:         0 kB
                Private_Dirty:        20 kB
                Referenced:           20 kB
                Anonymous:            20 kB
                LazyFree:              0 kB
                AnonHugePages:         0 kB
                ShmemPmdMapped:        0 kB
                FilePmdMapped:         0 kB
                Shared_Hugetlb:        0 kB
                Private_Hugetlb:       0 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                Locked:                0 kB
                THPeligible:    0
                VmFlags: rd wr mr mw me gd ac\s
                """;

        Mapping stack = parse(text).get(0);

        assertThat(stack.fields().names()).containsExactly("Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss",
                "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous",
                "LazyFree", "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb",
                "Swap", "SwapPss", "Locked", "THPeligible");
        assertThat(stack.fields().valueOf("Anonymous")).isEqualTo(20);
        assertThat(stack.vmFlags()).isEqualTo("rd wr mr mw me gd ac");
    }

    @Test
    void keysOfAnotherKernelAreKeptAsWrittenAndInOrder() throws Exception {
        // A kernel that writes Pss_Anon/Pss_File/Pss_Shmem (as smaps_rollup does) and a key vmtool never heard of.
        String text = """
                7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0                          [stack]
                Rss:                  20 kB
                Pss:                  20 kB
                Pss_Dirty:            20 kB
                Pss_Anon:             20 kB
                Pss_File:              0 kB
                Pss_Shmem:             0 kB
                Future_Thing:         77 kB
                """;

        Mapping stack = parse(text).get(0);

        assertThat(stack.fields().names()).containsExactly("Rss", "Pss", "Pss_Dirty", "Pss_Anon", "Pss_File",
                "Pss_Shmem", "Future_Thing");
        assertThat(stack.fields().valueOf("Future_Thing")).isEqualTo(77);
        assertThat(stack.vmFlags()).as("no VmFlags line").isNull();
    }

    @Test
    void aChangeOfKeysMakesANewListAndTheNextMappingsShareIt() throws Exception {
        String text = """
                00400000-00401000 r--p 00000000 08:01 1 /a
                Size:                  4 kB
                Rss:                   4 kB
                00401000-00402000 r--p 00000000 08:01 1 /a
                Size:                  4 kB
                Rss:                   4 kB
                Pss:                   2 kB
                00402000-00403000 r--p 00000000 08:01 1 /a
                Size:                  4 kB
                Rss:                   0 kB
                Pss:                   0 kB
                00403000-00404000 r--p 00000000 08:01 1 /a
                Size:                  4 kB
                Rss:                   4 kB
                """;

        List<Mapping> mappings = parse(text);

        assertThat(mappings.get(0).fields().names()).containsExactly("Size", "Rss");
        assertThat(mappings.get(1).fields().names()).containsExactly("Size", "Rss", "Pss");
        assertThat(mappings.get(2).fields().names()).isSameAs(mappings.get(1).fields().names());
        assertThat(mappings.get(3).fields().names()).containsExactly("Size", "Rss");
        assertThat(mappings.get(1).fields().valueOf("Pss")).isEqualTo(2);
        assertThat(mappings.get(2).fields().valueOf("Rss")).isZero();
    }

    @Test
    void sameValuesButNotTheSameValueArray() throws Exception {
        List<Mapping> mappings = parse(CAT_TEXT);

        assertThat(mappings.get(0).fields().valueOf("Size")).isEqualTo(8);
        assertThat(mappings.get(1).fields().valueOf("Size")).as("the second mapping did not overwrite the first")
                .isEqualTo(136);
    }

    @Test
    void emptyVmFlagsAndLastLineWithoutNewline() throws Exception {
        List<Mapping> mappings = parse("00400000-00401000 ---p 00000000 00:00 0 \nSize:    4 kB\nVmFlags: ");

        assertThat(mappings).singleElement().satisfies(mapping -> {
            assertThat(mapping.vmFlags()).isEmpty();
            assertThat(mapping.fields().valueOf("Size")).isEqualTo(4);
        });
    }

    @Test
    void largeValues() throws Exception {
        Mapping mapping = parse("00400000-00401000 ---p 00000000 00:00 0 \nSize:    137438953472 kB\n").get(0);

        assertThat(mapping.fields().valueOf("Size")).isEqualTo(137438953472L);
    }

    @Test
    void emptyTextHasNoMappings() throws Exception {
        assertThat(parse("")).isEmpty();
    }

    @Test
    void lengthLimitsTheBytesRead() throws Exception {
        byte[] text = (CAT_TEXT + "garbage that is not a mapping\n").getBytes(StandardCharsets.ISO_8859_1);

        List<Mapping> mappings = SmapsParser.parse(text, CAT_TEXT.length(), "test");

        assertThat(mappings).hasSize(2);
    }

    /**
     * Read from a stream, the text is parsed a piece at a time in a buffer that starts small and grows for a mapping
     * that does not fit, up to 1 MiB: a mapping of 900 kB of field lines (no kernel writes one) is read whole, one of
     * more than 1 MiB is refused in one line.
     */
    @Test
    void aStreamIsReadInPiecesAndAMappingMayTakeUpTo1MiB() throws Exception {
        String second = "00401000-00402000 r--p 00000000 00:00 0 \nSize:  4 kB\n";
        List<Mapping> mappings = SmapsParser.parse(new java.io.ByteArrayInputStream(
                (manyFieldLines(900_000) + second).getBytes(StandardCharsets.ISO_8859_1)), "test");
        assertThat(mappings).hasSize(2);
        assertThat(mappings.get(0).fields().size()).isEqualTo(manyFieldLines(900_000).lines().count() - 1);
        assertThat(mappings.get(1).fields().value(0)).isEqualTo(4);

        assertThatThrownBy(() -> SmapsParser.parse(new java.io.ByteArrayInputStream(
                (manyFieldLines(1_100_000) + second).getBytes(StandardCharsets.ISO_8859_1)), "test"))
                .isInstanceOf(SmapsParser.MalformedProcText.class)
                .hasMessage("test: line 1: this mapping and its fields take more than 1 MiB, far more than the kernel"
                        + " writes for one");
    }

    /** A mapping line and field lines, {@code Field0: 0 kB} on, to at least {@code bytes}. */
    private static String manyFieldLines(int bytes) {
        StringBuilder text = new StringBuilder("00400000-00401000 r--p 00000000 00:00 0 \n");
        for (int i = 0; text.length() < bytes; i++) {
            text.append("Field").append(i).append(":  ").append(i).append(" kB\n");
        }
        return text.toString();
    }

    @Test
    void realSmapsOfThisMachinesKernel() throws Exception {
        byte[] smaps = java.nio.file.Files.readAllBytes(vmtool.Fixture.PROC.resolve("32436/smaps"));
        byte[] maps = java.nio.file.Files.readAllBytes(vmtool.Fixture.PROC.resolve("32436/maps"));

        List<Mapping> fromSmaps = parse(smaps);
        List<Mapping> fromMaps = parse(maps);

        assertThat(fromSmaps).hasSize(24).hasSameSizeAs(fromMaps);
        for (int i = 0; i < fromSmaps.size(); i++) {
            Mapping withFields = fromSmaps.get(i);
            assertThat(withFields.fields().names()).as("mapping %d", i).isSameAs(fromSmaps.get(0).fields().names());
            assertThat(withFields.fields().valueOf("Size") * 1024).isEqualTo(withFields.size());
            assertThat(withFields.vmFlags()).isNotBlank().doesNotEndWith(" ");
            Mapping bare = fromMaps.get(i);
            assertThat(bare.name()).isEqualTo(withFields.name());
            assertThat(bare.startText()).isEqualTo(withFields.startText());
        }
        assertThat(fromSmaps.get(0).fields().names()).containsExactlyElementsOf(KEYS_6_18);
        assertThat(fromSmaps.get(fromSmaps.size() - 1).name()).isEqualTo("[vsyscall]");
    }

    // ---- malformed input ----

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("a field line before any mapping", "Size:                  8 kB\n", 1),
                Arguments.of("a blank line first", "\n00400000-00401000 ---p 00000000 00:00 0 \n", 1),
                Arguments.of("a non-number value", "00400000-00401000 ---p 00000000 00:00 0 \nSize:    4 kB\n"
                        + "Rss:     x kB\n", 3),
                Arguments.of("a negative value", "00400000-00401000 ---p 00000000 00:00 0 \nSize:   -4 kB\n", 2),
                Arguments.of("an empty value", "00400000-00401000 ---p 00000000 00:00 0 \nSize:\n", 2),
                Arguments.of("a line without a colon", "00400000-00401000 ---p 00000000 00:00 0 \nSize:    4 kB\n"
                        + "Rss 4 kB\n", 3),
                Arguments.of("a blank line between fields", "00400000-00401000 ---p 00000000 00:00 0 \n"
                        + "Size:    4 kB\n\nRss:   4 kB\n", 3),
                Arguments.of("a mapping line cut short", "00400000-00401000 ---p 00000000 00:00 0 \nSize:    4 kB\n"
                        + "00401000-00402000 r--p\n", 3),
                Arguments.of("a bad end address", "00400000-0040100g ---p 00000000 00:00 0 \n", 1),
                Arguments.of("no dash in the range", "00400000 ---p 00000000 00:00 0 \n", 1),
                Arguments.of("an address longer than 64 bits", "10000000000000000-10000000000001000 ---p 00000000"
                        + " 00:00 0 \n", 1),
                Arguments.of("permissions not as the kernel writes them", "00400000-00401000 rwxq 00000000 00:00 0 \n", 1),
                Arguments.of("permissions too long", "00400000-00401000 rw-pp 00000000 00:00 0 \n", 1),
                Arguments.of("a device without a colon", "00400000-00401000 r--p 00000000 0000 0 \n", 1),
                Arguments.of("a device that is not hex", "00400000-00401000 r--p 00000000 fg:00 0 \n", 1),
                Arguments.of("an offset that is not hex", "00400000-00401000 r--p 0000z000 00:00 0 \n", 1),
                Arguments.of("an inode that is not a number", "00400000-00401000 r--p 00000000 00:00 12a \n", 1),
                Arguments.of("a value of more than 18 digits", "00400000-00401000 ---p 00000000 00:00 0 \n"
                        + "Size:    1234567890123456789 kB\n", 2),
                Arguments.of("second mapping's field broken",
                        "00400000-00401000 ---p 00000000 00:00 0 \nSize:    4 kB\nRss:     4 kB\n"
                                + "00401000-00402000 ---p 00000000 00:00 0 \nSize:    4 kB\nRss:     four kB\n", 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedTextNamesTheSourceAndLine(String what, String text, int line) {
        assertThatThrownBy(() -> SmapsParser.parse(text.getBytes(StandardCharsets.ISO_8859_1), "/proc/42/smaps"))
                .isInstanceOf(SmapsParser.MalformedProcText.class)
                .hasMessageStartingWith("/proc/42/smaps: line " + line + ": ");
    }
}
