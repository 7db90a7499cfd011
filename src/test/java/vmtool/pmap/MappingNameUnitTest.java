package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vmtool.model.Mapping;
import vmtool.model.Classifier;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts;
import vmtool.proc.SmapsParser;

/** The Mapping column of the default, -x and -d modes (pmap.c's mapping_name, and -k of procps 4.0.6). */
class MappingNameUnitTest {
    private static final long STACK_START = 0x7ffe1fdee000L;
    private static final long STACK_END = 0x7ffe1fe10000L;

    private static Mapping mapping(String line) {
        try {
            return SmapsParser.parse((line + "\n").getBytes(StandardCharsets.ISO_8859_1), "test").get(0);
        } catch (SmapsParser.MalformedProcText e) {
            throw new AssertionError(e);
        }
    }

    private static Mapping named(String name) {
        return mapping("7f0000000000-7f0000001000 r--p 00000000 fe:00 123                        " + name);
    }

    /** The name pmap's maps modes give the mapping, classified alone, for a process whose stack starts there. */
    private static String of(Mapping mapping, long startStack, PmapConfig config, OptionalInt shmMinor) {
        TextSink sink = new TextSink(java.io.OutputStream.nullOutputStream());
        return MappingName.ofMapsModes(sink, mapping, startStack, config, shmMinor).toString();
    }

    private static MappingKind kind(Mapping mapping) {
        return Classifier.classify(List.of(mapping), 0, ProcessFacts.NONE).get(0).kind();
    }

    private static PmapConfig config(boolean showPath, boolean kernelNames) {
        return new PmapConfig(Mode.DEFAULT, false, showPath, kernelNames, AddressRange.ALL, Set.of());
    }

    private static String name(Mapping mapping, boolean showPath, boolean kernelNames) {
        return of(mapping, STACK_START + 0x100, config(showPath, kernelNames), OptionalInt.empty());
    }

    static Stream<Arguments> names() {
        // name in maps, default, -p, -k (null: not checked, procps 4.0.6 not at hand)
        return Stream.of(
                Arguments.of("/usr/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6",
                        "/usr/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6"),
                Arguments.of("/tmp/a b/c d (deleted)", "c d (deleted)", "/tmp/a b/c d (deleted)", "c d (deleted)"),
                Arguments.of("/tmp/dir/", "/", "/tmp/dir/", "/"),
                Arguments.of("/", "/", "/", "/"),
                Arguments.of("[heap]", MappingName.ANON, MappingName.ANON, "[heap]"),
                Arguments.of("[vdso]", MappingName.ANON, MappingName.ANON, "[vdso]"),
                Arguments.of("[vsyscall]", MappingName.ANON, MappingName.ANON, "[vsyscall]"),
                Arguments.of("[anon:libc_malloc]", MappingName.ANON, MappingName.ANON, "[anon:libc_malloc]"),
                Arguments.of("", MappingName.ANON, MappingName.ANON, MappingName.ANON),
                // a slash anywhere makes it a path: from the first slash with -p, after the last without
                Arguments.of("[anon:a/b]", "b]", "/b]", null),
                Arguments.of("weird/name", "name", "/name", null),
                // bytes outside printable ASCII print as '?'
                Arguments.of("/tmp/with space\u00ff\u00fe name", "with space?? name", "/tmp/with space?? name",
                        "with space?? name"),
                Arguments.of("/tmp/caf\u00c3\u00a9\u007f", "caf???", "/tmp/caf???", "caf???"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("names")
    void nameOfAMappingOutsideTheStack(String mapsName, String shown, String withPath, String withKernelNames) {
        Mapping mapping = named(mapsName);

        assertThat(name(mapping, false, false)).as("default").isEqualTo(shown);
        assertThat(name(mapping, true, false)).as("-p").isEqualTo(withPath);
        if (withKernelNames != null) {
            assertThat(name(mapping, false, true)).as("-k").isEqualTo(withKernelNames);
        }
    }

    @Test
    void stackBoundsAreInclusiveAtBothEnds() {
        Mapping stack = mapping("7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0                          [stack]");
        PmapConfig config = config(false, false);

        assertThat(of(stack, STACK_START, config, OptionalInt.empty()))
                .isEqualTo(MappingName.STACK);
        assertThat(of(stack, STACK_END, config, OptionalInt.empty()))
                .as("start_stack == end (pmap compares <= addr + len)").isEqualTo(MappingName.STACK);
        assertThat(of(stack, STACK_END + 1, config, OptionalInt.empty()))
                .isEqualTo(MappingName.ANON);
        assertThat(of(stack, STACK_START - 1, config, OptionalInt.empty()))
                .isEqualTo(MappingName.ANON);
        assertThat(of(stack, 0, config, OptionalInt.empty()))
                .as("start_stack hidden from this user").isEqualTo(MappingName.ANON);
    }

    @Test
    void anyUnnamedOrBracketedMappingHoldingStartStackIsTheStack() {
        Mapping unnamed = mapping("7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0 ");
        Mapping file = mapping("7ffe1fdee000-7ffe1fe10000 rw-p 00000000 fe:00 9                          /x/y");

        assertThat(of(unnamed, STACK_START + 8, config(false, false), OptionalInt.empty()))
                .isEqualTo(MappingName.STACK);
        assertThat(of(file, STACK_START + 8, config(false, false), OptionalInt.empty()))
                .isEqualTo("y");
    }

    @Test
    void kernelNamesShowTheStackByItsKernelName() {
        Mapping stack = mapping("7ffe1fdee000-7ffe1fe10000 rw-p 00000000 00:00 0                          [stack]");

        assertThat(of(stack, STACK_START + 8, config(false, true), OptionalInt.empty()))
                .isEqualTo("[stack]");
    }

    @Test
    void stackAboveLongMaxComparesUnsigned() {
        Mapping vsyscall = mapping("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  "
                + "[vsyscall]");

        assertThat(of(vsyscall, 0x7ffe1fdee100L, config(false, false), OptionalInt.empty()))
                .isEqualTo(MappingName.ANON);
        assertThat(of(vsyscall, 0xffffffffff600800L, config(false, false), OptionalInt.empty()))
                .isEqualTo(MappingName.STACK);
    }

    @Test
    void sysvSharedMemoryOnlyWhenTheMinorMatches() {
        Mapping shm = mapping("7f3a5c000000-7f3a5c001000 rw-s 00000000 00:01 32769                      "
                + "/SYSV00000000 (deleted)");
        long startStack = STACK_START;

        assertThat(of(shm, startStack, config(false, false), OptionalInt.of(1)))
                .isEqualTo("  [ shmid=0x8001 ]");
        assertThat(of(shm, startStack, config(true, false), OptionalInt.of(1)))
                .as("-p does not change it").isEqualTo("  [ shmid=0x8001 ]");
        assertThat(of(shm, startStack, config(false, false), OptionalInt.of(5)))
                .isEqualTo("SYSV00000000 (deleted)");
        assertThat(of(shm, startStack, config(false, false), OptionalInt.empty()))
                .isEqualTo("SYSV00000000 (deleted)");
        assertThat(kind(shm)).isEqualTo(MappingKind.SYSV_SHM);
    }

    @Test
    void sysvNameOnARealDeviceIsAFile() {
        Mapping file = mapping("7f3a5c000000-7f3a5c001000 rw-s 00000000 08:01 32769                      "
                + "/data/SYSVlike");

        assertThat(of(file, 0, config(false, false), OptionalInt.of(1)))
                .isEqualTo("SYSVlike");
        assertThat(kind(file)).isEqualTo(MappingKind.FILE);
    }

    @Test
    void shmidIsTheInodeInHex() {
        Mapping shm = mapping("7f3a5c000000-7f3a5c001000 rw-s 00000000 00:01 4294967296                 "
                + "/SYSV0000abcd (deleted)");

        assertThat(of(shm, 0, config(false, false), OptionalInt.of(1)))
                .isEqualTo("  [ shmid=0x100000000 ]");
    }
}
