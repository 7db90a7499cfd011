package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks for the places where vmtool deliberately follows later upstream releases instead of 4.0.2:
 * -X/-XX totals per process, -A honoured in -X/-XX.
 */
final class ExtendedChecks {
    private ExtendedChecks() {
    }

    /**
     * `vmtool pmap MODE RANGE PID` prints exactly the rows of `pmap MODE PID` whose mapping overlaps the range
     * (as upstream decides it: end-1 >= low and start <= high), with totals over those rows.
     */
    static void assertRangeHonoured(List<String> mode, List<String> range, String pid) {
        List<String> fullArgs = new ArrayList<>(mode);
        fullArgs.add(pid);
        List<String> rangedArgs = new ArrayList<>(mode);
        rangedArgs.addAll(range);
        rangedArgs.add(pid);
        long[] bounds = bounds(range);
        // pmap prints the same with and without -A in these modes (that is the 4.0.2 bug vmtool fixes).
        Differential.Pair pair = Differential.stable(rangedArgs);
        RunResult full = pair.pmap();
        RunResult vmtool = pair.vmtool();
        String context = "vmtool pmap " + rangedArgs + " against the overlapping rows of pmap " + fullArgs + "\n";
        assertThat(vmtool.status()).as(context + "exit status").isEqualTo(full.status());

        ExtendedTable expected = ExtendedTable.parse(Outputs.lines(full.out()));
        ExtendedTable actual = ExtendedTable.parse(Outputs.lines(vmtool.out()));
        List<String> wantedLines = new ArrayList<>();
        List<List<String>> wanted = new ArrayList<>();
        for (int i = 0; i < expected.rows().size(); i++) {
            List<String> row = expected.rows().get(i);
            long start = ExtendedTable.start(row);
            long end = start + Long.parseLong(row.get(5)) * 1024; // Size is the first numeric column
            boolean overlaps = !(Long.compareUnsigned(end - 1, bounds[0]) < 0)
                    && !(Long.compareUnsigned(bounds[1], start) < 0);
            if (overlaps) {
                wanted.add(row);
                wantedLines.add(expected.rowLines().get(i));
            }
        }
        assertThat(actual.pidLine()).as(context + "PID line").isEqualTo(expected.pidLine());
        boolean quiet = mode.contains("-q");
        if (!quiet && !wanted.isEmpty()) {
            assertThat(actual.header()).as(context + "column header").isEqualTo(expected.header());
        }
        assertThat(actual.rows()).as(context + "rows, split on whitespace\n"
                + Outputs.diff(Outputs.join(wantedLines), Outputs.join(actual.rowLines()))).isEqualTo(wanted);
        if (!quiet && !wanted.isEmpty()) {
            int columns = expected.numericColumns();
            ExtendedTable selected = new ExtendedTable(expected.pidLine(), expected.header(), wanted, wantedLines,
                    null);
            assertThat(actual.totals()).as(context + "totals over the rows in range").isEqualTo(selected.sums(columns));
        }
    }

    /** The range -A gives, as pmap reads it: hexadecimal, low alone means low,low, either side may be empty. */
    static long[] bounds(List<String> range) {
        String spec = range.size() == 2 ? range.get(1) : range.get(0).substring("--range=".length());
        String low = spec;
        String high = spec;
        int comma = spec.indexOf(',');
        if (comma >= 0) {
            low = spec.substring(0, comma);
            high = spec.substring(comma + 1);
        }
        return new long[] {low.isEmpty() ? 0 : parseHex(low), high.isEmpty() ? -1L : parseHex(high)};
    }

    private static long parseHex(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return Long.parseUnsignedLong(digits, 16);
    }

    /**
     * Several PIDs in -X/-XX without -q: the first section is byte-identical; in later ones every row is the
     * same word for word, and the totals are the sums of that process's rows (4.0.2 carries totals over).
     */
    static void assertMultiPid(List<String> mode, List<String> pids) {
        List<String> args = new ArrayList<>(mode);
        args.addAll(pids);
        Differential.Pair pair = Differential.stable(args);
        String context = Outputs.describe(args, pair.pmap(), pair.vmtool());
        assertThat(pair.vmtool().status()).as(context).isEqualTo(pair.pmap().status());
        List<List<String>> expected = Outputs.sections(pair.pmap().out());
        List<List<String>> actual = Outputs.sections(pair.vmtool().out());
        assertThat(actual).as(context + "number of sections").hasSameSizeAs(expected);
        assertThat(Outputs.join(actual.get(0))).as(context + "first section, byte for byte")
                .isEqualTo(Outputs.join(expected.get(0)));
        for (int i = 1; i < expected.size(); i++) {
            ExtendedTable want = ExtendedTable.parse(expected.get(i));
            ExtendedTable got = ExtendedTable.parse(actual.get(i));
            String where = context + "section " + (i + 1) + " (" + want.pidLine() + "): ";
            assertThat(got.pidLine()).as(where + "PID line").isEqualTo(want.pidLine());
            assertThat(got.header()).as(where + "column header").isEqualTo(want.header());
            assertThat(got.rows()).as(where + "rows, split on whitespace").isEqualTo(want.rows());
            if (!got.rows().isEmpty()) {
                assertThat(got.totals()).as(where + "totals are this process's own")
                        .isEqualTo(got.sums(want.numericColumns() >= 0 ? want.numericColumns()
                                : got.numericColumns()));
            } else if (got.totals() != null) {
                assertThat(got.totals()).as(where + "totals of a process without mappings").allMatch(t -> t == 0);
            }
        }
    }

    /** The kernel's bracketed names ([heap], [stack], [vdso], ...) of a process, by start address. */
    static Map<Long, String> kernelNames(long pid) throws IOException {
        Map<Long, String> names = new HashMap<>();
        for (String line : Outputs.lines(Processes.readProc(Path.of("/proc/" + pid + "/maps")))) {
            String[] fields = line.split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith("[") && fields[5].endsWith("]")) {
                names.put(Long.parseUnsignedLong(fields[0].substring(0, fields[0].indexOf('-')), 16), fields[5]);
            }
        }
        return names;
    }
}
