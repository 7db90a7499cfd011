package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;

import vmtool.export.CsvTable;
import vmtool.export.JsonSnapshot;
import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.proc.SmapsParser;
import vmtool.source.SavedFile;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;

/**
 * Fuzzes the saved-file reader ({@link Sources#readSaved}: the kind told from the content, {@link SmapsParser} for
 * smaps and maps, {@link JsonSnapshot} for JSON) with jqwik: pieces of real smaps and maps (this JVM's own, a
 * {@code sleep} the test starts, the fixtures in src/test/resources) and their JSON snapshots, mutated by byte flips,
 * truncations, duplicated, deleted and swapped lines, swapped fields, huge numbers, NULs and CRLFs. The only
 * exception allowed is the reader's own {@link SourceException}, whose message is one line naming the input; an
 * input it accepts renders in every pmap mode, and as JSON and CSV, without one.
 *
 * <p>105,000 inputs with fixed seeds, so a run is reproducible; for more, raise {@code tries} or pass another
 * {@code seed} (docs/json.md, "Fuzzing").
 */
@Tag("slow")
class SavedFileFuzzTest {
    private static final List<byte[]> PROC_TEXT_SEEDS = new ArrayList<>();
    private static final List<byte[]> JSON_SEEDS = new ArrayList<>();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    private static final List<PmapConfig> CONFIGS = List.of(
            config(Mode.DEFAULT, false, false), config(Mode.DEFAULT, true, true), config(Mode.EXTENDED, false, false),
            config(Mode.EXTENDED, true, false), config(Mode.DEVICE, false, true), config(Mode.MORE, false, false),
            config(Mode.MORE, true, true), config(Mode.ALL, false, false),
            new PmapConfig(Mode.RC, false, false, false, AddressRange.ALL, Set.of("Rss", "Pss", "VmFlags", "Mapping")),
            new PmapConfig(Mode.EXTENDED, false, false, false, AddressRange.ALL.with("7f0000000000,"), Set.of()));

    static {
        try {
            List<byte[]> whole = new ArrayList<>();
            whole.add(Processes.readProc(Path.of("/proc/self/smaps")));
            whole.add(Processes.readProc(Path.of("/proc/self/maps")));
            Process sleep = Processes.startSleep();
            try {
                whole.add(Processes.readProc(Path.of("/proc", Long.toString(sleep.pid()), "smaps")));
                whole.add(Processes.readProc(Path.of("/proc", Long.toString(sleep.pid()), "maps")));
            } finally {
                Processes.kill(sleep);
            }
            whole.add(Files.readAllBytes(Path.of("src/test/resources/smaps/homework-memory-user.smaps")));
            whole.add(Files.readAllBytes(vmtool.Fixture.PROC.resolve("32436/smaps")));
            whole.add(Files.readAllBytes(vmtool.Fixture.PROC.resolve("32436/maps")));
            for (byte[] text : whole) {
                windows(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PmapConfig config(Mode mode, boolean quiet, boolean showPath) {
        return new PmapConfig(mode, quiet, showPath, false, AddressRange.ALL, Set.of());
    }

    /** Runs of 1 to 5 consecutive mappings of a file (small inputs: many of them per second), and their snapshots. */
    private static void windows(byte[] text) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            if ((i == 0 || text[i - 1] == '\n') && isHex(text[i])) {
                starts.add(i);
            }
        }
        starts.add(text.length);
        for (int first = 0; first + 1 < starts.size(); first += 3) {
            int count = 1 + first % 5;
            int last = Math.min(starts.size() - 1, first + count);
            byte[] window = Arrays.copyOfRange(text, starts.get(first), starts.get(last));
            PROC_TEXT_SEEDS.add(window);
            if (first % 2 == 0) {
                JSON_SEEDS.add(snapshotOf(window));
            }
        }
    }

    private static byte[] snapshotOf(byte[] window) {
        try {
            List<Mapping> mappings = SmapsParser.parse(window, "seed");
            AddressSpace space = AddressSpace.of(new ProcessInfo(1234, 1234, "a\0b c\0", "a", 'S',
                    mappings.get(0).start() + 8), "seed", false, mappings, ProcessFacts.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonSnapshot.write(space, OptionalInt.of(1), Instant.EPOCH, out);
            return out.toByteArray();
        } catch (SmapsParser.MalformedProcText | IOException e) {
            throw new IllegalStateException("a seed that does not parse: " + e.getMessage(), e);
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
    }

    // ---- the properties ----

    @Property(tries = 70_000, seed = "20261201")
    void savedSmapsAndMaps(@ForAll("procText") Mutated input) {
        check(input.bytes());
    }

    @Property(tries = 35_000, seed = "20261202")
    void savedSnapshots(@ForAll("json") Mutated input) {
        check(input.bytes());
    }

    @AfterContainer
    static void bothOutcomesWereSeen() {
        // Not a fuzzer that only ever sees rejections (or only clean inputs): both paths were exercised a lot.
        assertThat(ACCEPTED.get()).isGreaterThan(10_000);
        assertThat(REJECTED.get()).isGreaterThan(10_000);
        assertThat(ACCEPTED.get() + REJECTED.get()).isGreaterThanOrEqualTo(105_000);
    }

    private static void check(byte[] bytes) {
        SavedFile saved;
        try {
            saved = new Sources(null, new ByteArrayInputStream(bytes)).readSaved(new Source.Saved("-"));
        } catch (SourceException e) {
            REJECTED.incrementAndGet();
            assertThat(e.getMessage()).startsWith("standard input").doesNotContain("\n");
            return;
        }
        ACCEPTED.incrementAndGet();
        for (PmapConfig config : CONFIGS) {
            if (config.mode().readsSmaps() && !saved.empty() && !saved.space().hasFields()) {
                continue; // refused by pmap before rendering
            }
            DetailColumns carried = DetailColumns.NONE;
            TextSink sink = new TextSink(OutputStream.nullOutputStream());
            for (int pid = 0; pid < 2; pid++) { // a second process starts from the first one's columns
                try {
                    carried = Renderer.of(config).render(saved.space(), saved.shmMinor(), carried, sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            JsonSnapshot.write(saved.space(), saved.shmMinor(), Instant.EPOCH, OutputStream.nullOutputStream());
            CsvTable.write(saved.space(), OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- inputs ----

    /** A seed and the mutations applied to it, in order. */
    record Mutated(byte[] seed, List<Mutation> mutations) {
        byte[] bytes() {
            byte[] text = seed;
            for (Mutation mutation : mutations) {
                text = mutation.apply(text);
            }
            return text;
        }

        @Override
        public String toString() {
            return mutations + " of " + new String(seed, StandardCharsets.ISO_8859_1);
        }
    }

    enum Op { FLIP_BIT, SET_BYTE, INSERT_BYTE, DELETE_RANGE, TRUNCATE, DUPLICATE_LINE, DELETE_LINE, SWAP_LINES,
        SWAP_FIELDS, HUGE_NUMBER, NUL, CRLF, TOKEN }

    private static final String[] TOKENS = {"\"", "{", "}", "[", "]", ",", ":", "-1", "1e999", "99999999999999999999",
        "null", "true", "\\u0000", "\\ud800", " kB", "VmFlags: ", "Rss: 4 kB\n", "ffffffffffffffff-0 ", "\n\n"};

    /**
     * One change at a position (a fraction of the length, so that it lands inside whatever the earlier ones left).
     */
    record Mutation(Op op, int where, int other, int value) {
        byte[] apply(byte[] text) {
            int length = text.length;
            if (length == 0) {
                return op == Op.INSERT_BYTE || op == Op.TOKEN ? insert(text, 0, token()) : text;
            }
            int at = (int) ((long) where * length / 10_000);
            int at2 = (int) ((long) other * length / 10_000);
            return switch (op) {
                case FLIP_BIT -> set(text, at, (byte) (text[at] ^ (1 << (value & 7))));
                case SET_BYTE -> set(text, at, (byte) value);
                case INSERT_BYTE -> insert(text, at, new byte[] {(byte) value});
                case DELETE_RANGE -> delete(text, Math.min(at, at2), Math.max(at, at2) - Math.min(at, at2) + 1);
                case TRUNCATE -> Arrays.copyOf(text, at);
                case DUPLICATE_LINE -> {
                    int[] line = line(text, at);
                    yield insert(text, line[0], Arrays.copyOfRange(text, line[0], line[1]));
                }
                case DELETE_LINE -> {
                    int[] line = line(text, at);
                    yield delete(text, line[0], line[1] - line[0]);
                }
                case SWAP_LINES -> swap(text, line(text, Math.min(at, at2)), line(text, Math.max(at, at2)));
                case SWAP_FIELDS -> swapFields(text, at);
                case HUGE_NUMBER -> replaceDigits(text, at, "184467440737095516161844674407370955161".getBytes(
                        StandardCharsets.US_ASCII));
                case NUL -> insert(text, at, new byte[] {0});
                case CRLF -> crlf(text, at);
                case TOKEN -> insert(text, at, token());
            };
        }

        private byte[] token() {
            return TOKENS[Math.floorMod(value, TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] set(byte[] text, int at, byte b) {
            byte[] copy = text.clone();
            copy[at] = b;
            return copy;
        }

        private static byte[] insert(byte[] text, int at, byte[] piece) {
            byte[] out = new byte[text.length + piece.length];
            System.arraycopy(text, 0, out, 0, at);
            System.arraycopy(piece, 0, out, at, piece.length);
            System.arraycopy(text, at, out, at + piece.length, text.length - at);
            return out;
        }

        private static byte[] delete(byte[] text, int at, int count) {
            int n = Math.min(count, text.length - at);
            byte[] out = new byte[text.length - n];
            System.arraycopy(text, 0, out, 0, at);
            System.arraycopy(text, at + n, out, at, text.length - at - n);
            return out;
        }

        /** The line that holds {@code at}: its start and the index after its newline. */
        private static int[] line(byte[] text, int at) {
            int start = at;
            while (start > 0 && text[start - 1] != '\n') {
                start--;
            }
            int end = at;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            return new int[] {start, Math.min(text.length, end + 1)};
        }

        private static byte[] swap(byte[] text, int[] a, int[] b) {
            if (a[0] == b[0] || a[1] > b[0]) {
                return text;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
            out.write(text, 0, a[0]);
            out.write(text, b[0], b[1] - b[0]);
            out.write(text, a[1], b[0] - a[1]);
            out.write(text, a[0], a[1] - a[0]);
            out.write(text, b[1], text.length - b[1]);
            return out.toByteArray();
        }

        /** Swaps the first two blank-separated fields of the line at {@code at} (a mapping line: range and perms). */
        private static byte[] swapFields(byte[] text, int at) {
            int[] line = line(text, at);
            int first = -1;
            int second = -1;
            for (int i = line[0]; i < line[1]; i++) {
                if (text[i] == ' ') {
                    if (first < 0) {
                        first = i;
                    } else {
                        second = i;
                        break;
                    }
                }
            }
            if (second < 0) {
                return text;
            }
            byte[] copy = text.clone();
            int a = first - line[0];
            int b = second - first - 1;
            System.arraycopy(text, first + 1, copy, line[0], b);
            copy[line[0] + b] = ' ';
            System.arraycopy(text, line[0], copy, line[0] + b + 1, a);
            return copy;
        }

        private static byte[] replaceDigits(byte[] text, int at, byte[] digits) {
            int start = at;
            while (start < text.length && (text[start] < '0' || text[start] > '9')) {
                start++;
            }
            int end = start;
            while (end < text.length && text[end] >= '0' && text[end] <= '9') {
                end++;
            }
            return insert(delete(text, start, end - start), start, digits);
        }

        private static byte[] crlf(byte[] text, int at) {
            for (int i = at; i < text.length; i++) {
                if (text[i] == '\n') {
                    return insert(text, i, new byte[] {'\r'});
                }
            }
            return text;
        }
    }

    @Provide
    Arbitrary<Mutated> procText() {
        return mutated(PROC_TEXT_SEEDS);
    }

    @Provide
    Arbitrary<Mutated> json() {
        return mutated(JSON_SEEDS);
    }

    private static Arbitrary<Mutated> mutated(List<byte[]> seeds) {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Op.class),
                Arbitraries.integers().between(0, 9_999), Arbitraries.integers().between(0, 9_999),
                Arbitraries.integers().between(0, 255)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMinSize(0).ofMaxSize(6))
                .as(Mutated::new);
    }
}
