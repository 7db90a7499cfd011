package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The program headers of the machine's own ELF files, against what binutils' readelf says of them. */
class ElfSegmentsTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ElfSegments.HEADER_BYTES);
        }
    }

    /** readelf -lW's LOAD lines: offset, virtual address, file size, memory size. */
    private static List<ElfSegments.Load> readelf(Path file) throws IOException, InterruptedException {
        Process readelf = new ProcessBuilder("readelf", "-lW", file.toString()).redirectErrorStream(true).start();
        String out = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(readelf.waitFor()).as(out).isZero();
        List<ElfSegments.Load> loads = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] words = line.strip().split(" +");
            if (words[0].equals("LOAD")) {
                loads.add(new ElfSegments.Load(Long.decode(words[1]), Long.decode(words[2]), Long.decode(words[4]),
                        Long.decode(words[5])));
            }
        }
        return loads;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
            "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "/usr/bin/ls", "/usr/bin/pmap", "java", "libjvm"})
    void theLoadsOfRealFilesAreReadelfs(String name) throws Exception {
        Path file = switch (name) {
            case "java" -> JAVA;
            case "libjvm" -> Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
            default -> Path.of(name);
        };
        byte[] head = head(file);

        Optional<ElfSegments> segments = ElfSegments.parse(head, head.length);

        assertThat(segments).isPresent();
        assertThat(segments.get().loads()).isEqualTo(readelf(file)).isNotEmpty();
    }

    /** libm's image ends at its last segment's address plus memory size, from wherever its first page lies. */
    @Test
    void theImageEndsAtTheLastLoadedByte() throws Exception {
        Path libm = Path.of("/usr/lib/x86_64-linux-gnu/libm.so.6");
        List<ElfSegments.Load> loads = readelf(libm);
        long end = 0;
        for (ElfSegments.Load load : loads) {
            end = Math.max(end, load.vaddr() + load.memorySize());
        }
        byte[] head = head(libm);

        ElfSegments segments = ElfSegments.parse(head, head.length).orElseThrow();

        assertThat(segments.imageEnd(0x7f0012340000L)).hasValue(0x7f0012340000L + end);
        // A position-dependent executable: its first segment at 0x400000 is mapped there, the base is 0.
        byte[] fixed = elf64(ByteOrder.LITTLE_ENDIAN, List.of(new ElfSegments.Load(0, 0x400000, 0x1000, 0x1000),
                new ElfSegments.Load(0x1e10, 0x401e10, 0x230, 0x10230)));
        assertThat(ElfSegments.parse(fixed, fixed.length).orElseThrow().imageEnd(0x400000)).hasValue(0x412040);
    }

    /** Headers no live process here has: 32-bit and big-endian files, written by the test. */
    @Test
    void thirtyTwoBitAndBigEndianFiles() {
        List<ElfSegments.Load> loads = List.of(new ElfSegments.Load(0, 0, 0x2000, 0x2000),
                new ElfSegments.Load(0x2f00, 0x3f00, 0x100, 0x300));
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] wide = elf64(order, loads);
            byte[] narrow = elf32(order, loads);
            assertThat(ElfSegments.parse(wide, wide.length).orElseThrow().loads()).isEqualTo(loads);
            assertThat(ElfSegments.parse(narrow, narrow.length).orElseThrow().loads()).isEqualTo(loads);
            assertThat(ElfSegments.parse(narrow, narrow.length).orElseThrow().imageEnd(0x10000)).hasValue(0x14200);
        }
    }

    /** Any cut of a real header, and anything that is not ELF, gives no segments, and never an exception. */
    @Test
    void shortOrForeignBytesGiveNothing() throws Exception {
        byte[] head = head(JAVA);
        int whole = ElfSegments.parse(head, head.length).orElseThrow().loads().size();
        for (int length = 0; length < head.length; length++) {
            Optional<ElfSegments> cut = ElfSegments.parse(Arrays.copyOf(head, length), length);
            cut.ifPresent(segments -> assertThat(segments.loads()).hasSize(whole));
        }
        byte[] script = "#!/bin/sh\necho not ELF\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ElfSegments.parse(script, script.length)).isEmpty();
        byte[] noLoads = elf64(ByteOrder.LITTLE_ENDIAN, List.of());
        assertThat(ElfSegments.parse(noLoads, noLoads.length)).isEmpty();
        byte[] badClass = head.clone();
        badClass[4] = 3;
        assertThat(ElfSegments.parse(badClass, badClass.length)).isEmpty();
        // The first segment must start in the file's first page, as every loader's input does.
        byte[] late = elf64(ByteOrder.LITTLE_ENDIAN, List.of(new ElfSegments.Load(0x5000, 0x5000, 0x100, 0x100)));
        assertThat(ElfSegments.parse(late, late.length).orElseThrow().imageEnd(0x10000)).isEmpty();
    }

    private static byte[] elf64(ByteOrder order, List<ElfSegments.Load> loads) {
        ByteBuffer out = ByteBuffer.allocate(64 + 56 * (loads.size() + 1)).order(order);
        header(out, 2, order);
        out.putLong(32, 64).putShort(54, (short) 56).putShort(56, (short) (loads.size() + 1));
        out.putInt(64, 6); // a PT_PHDR entry first, which is not loaded
        for (int i = 0; i < loads.size(); i++) {
            int at = 64 + 56 * (i + 1);
            ElfSegments.Load load = loads.get(i);
            out.putInt(at, 1).putLong(at + 8, load.offset()).putLong(at + 16, load.vaddr())
                    .putLong(at + 32, load.fileSize()).putLong(at + 40, load.memorySize());
        }
        return out.array();
    }

    private static byte[] elf32(ByteOrder order, List<ElfSegments.Load> loads) {
        ByteBuffer out = ByteBuffer.allocate(52 + 32 * loads.size()).order(order);
        header(out, 1, order);
        out.putInt(28, 52).putShort(42, (short) 32).putShort(44, (short) loads.size());
        for (int i = 0; i < loads.size(); i++) {
            int at = 52 + 32 * i;
            ElfSegments.Load load = loads.get(i);
            out.putInt(at, 1).putInt(at + 4, (int) load.offset()).putInt(at + 8, (int) load.vaddr())
                    .putInt(at + 16, (int) load.fileSize()).putInt(at + 20, (int) load.memorySize());
        }
        return out.array();
    }

    private static void header(ByteBuffer out, int elfClass, ByteOrder order) {
        out.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F').put(4, (byte) elfClass)
                .put(5, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2)).put(6, (byte) 1);
    }
}
