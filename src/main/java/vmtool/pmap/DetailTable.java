package vmtool.pmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import vmtool.model.Mapping;
import vmtool.model.SmapsFields;

/**
 * The measured detail table of one process ({@code -X}, {@code -XX}, rc): which smaps keys are columns, how wide
 * every column is, the totals, and for each mapping which of its fields fills each column. Computed from the
 * mappings in memory (procps reads the file a second time for this); {@link DetailRenderer} prints it.
 *
 * @param names         the smaps keys shown, in the kernel's order (those carried from an earlier PID first)
 * @param widths        the width of each key's column
 * @param totals        each key's total over the mappings in the range, in kB
 * @param columnsOfKeys for each list of smaps keys (the parser shares one list among the mappings that have the same
 *                      keys, so there are a handful), the index of the field that fills each column it has
 * @param addressWidth  width of the Address column, and so on for the other text columns
 * @param showFlags     whether the VmFlags column is shown (some mapping has VmFlags and the mode shows them)
 */
record DetailTable(List<String> names, int[] widths, long[] totals, Map<List<String>, int[]> columnsOfKeys,
                   int addressWidth,
                   int permWidth, int offsetWidth, int deviceWidth, int inodeWidth, int flagsWidth,
                   boolean showFlags) {

    /** Thrown when two mappings of one smaps file have different keys, which pmap refuses too. */
    static final class InconsistentFieldsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InconsistentFieldsException(String expected, String found) {
            super("inconsistent fields in smaps: expected " + expected + ", found " + found);
        }
    }

    /**
     * Measures the table: every width is the widest of its header, its total and (with {@code -q}) its values, and
     * at least what the carried columns had.
     *
     * @throws InconsistentFieldsException when a mapping's keys do not match the columns
     */
    static DetailTable measure(List<Mapping> mappings, PmapConfig config, DetailColumns carried) {
        Measure measure = new Measure(config, carried);
        for (int m = 0; m < mappings.size(); m++) {
            measure.add(mappings.get(m));
        }
        return measure.table();
    }

    /**
     * The widths and totals so far. One call per mapping rather than one loop body: the JIT compiles a method
     * after a few hundred calls, a loop in a method that runs once only after tens of thousands of turns.
     */
    private static final class Measure {
        private final PmapConfig config;
        private final boolean quiet;
        private final AddressRange range;
        private final boolean everything;
        private final List<String> names;
        private final List<Integer> widthList;
        private final Map<List<String>, int[]> columnsOfKeys = new IdentityHashMap<>();
        private long[] totals;
        /** The values of the mapping being added, one per column. */
        private long[] row;
        /** The last mapping's keys and their columns: consecutive mappings nearly always share the parser's list. */
        private List<String> lastKeys;
        private int[] lastColumns;
        /**
         * The largest start, offset and inode in the kernel's form, unsigned, plus Long.MIN_VALUE (so that a signed
         * comparison orders them, with no call): their widths are computed once, at the end.
         */
        private long biasedMaxStart = Long.MIN_VALUE;
        private long biasedMaxOffset = Long.MIN_VALUE;
        private long biasedMaxInode = Long.MIN_VALUE;
        private boolean anyInKernelForm;
        private int addressWidth;
        private int permWidth;
        private int offsetWidth;
        private int deviceWidth;
        private int inodeWidth;
        private int flagsWidth;
        private boolean hasFlags;

        Measure(PmapConfig config, DetailColumns carried) {
            this.config = config;
            this.quiet = config.quiet();
            this.range = config.range();
            this.everything = range.isAll();
            this.names = new ArrayList<>(carried.names());
            this.widthList = new ArrayList<>(carried.widths());
            this.totals = new long[Math.max(names.size(), 32)];
            this.row = new long[totals.length];
        }

        void add(Mapping mapping) {
            // Where the text is the kernel's, the widest is the largest number's: no strings, and few calls, per
            // mapping (the first few hundred mappings are measured in the interpreter).
            if (mapping.inKernelForm()) {
                long start = mapping.start() + Long.MIN_VALUE;
                long offset = mapping.offset() + Long.MIN_VALUE;
                long inode = mapping.inode() + Long.MIN_VALUE;
                biasedMaxStart = start > biasedMaxStart ? start : biasedMaxStart;
                biasedMaxOffset = offset > biasedMaxOffset ? offset : biasedMaxOffset;
                biasedMaxInode = inode > biasedMaxInode ? inode : biasedMaxInode;
                anyInKernelForm = true;
            } else {
                widenToWritten(mapping);
            }
            permWidth = Math.max(permWidth, mapping.perms().text().length());
            deviceWidth = Math.max(deviceWidth, mapping.device().text().length());
            SmapsFields fields = mapping.fields();
            List<String> keys = fields.names();
            int[] fieldOfColumn = keys == lastKeys ? lastColumns : columnsOf(keys);
            int columnCount = fieldOfColumn.length;
            if (columnCount > totals.length) {
                totals = Arrays.copyOf(totals, Math.max(columnCount, totals.length * 2));
                row = new long[totals.length];
            }
            // No calls per column: the first few hundred mappings are measured in the interpreter.
            if (everything || range.overlaps(mapping)) {
                fields.values(fieldOfColumn, row);
                for (int column = 0; column < columnCount; column++) {
                    totals[column] += row[column];
                }
                if (quiet) {
                    widenToValues(columnCount);
                }
            }
            if (mapping.vmFlags() != null) {
                hasFlags = true;
                flagsWidth = Math.max(flagsWidth, mapping.vmFlags().length());
            }
        }

        // The rare paths out of add, in methods of their own: the quick compiler compiles every path of a method,
        // and the measuring runs mostly before add's compilation is done (a middle-sized pmap -X).

        private void widenToWritten(Mapping mapping) {
            addressWidth = Math.max(addressWidth, mapping.startText().length());
            offsetWidth = Math.max(offsetWidth, mapping.offsetText().length());
            inodeWidth = Math.max(inodeWidth, mapping.inodeText().length());
        }

        /** With -q no total is shown, so each column is as wide as its widest value. */
        private void widenToValues(int columnCount) {
            for (int column = 0; column < columnCount; column++) {
                widthList.set(column, Math.max(widthList.get(column), Text.digits(row[column])));
            }
        }

        private int[] columnsOf(List<String> keys) {
            int[] fieldOfColumn = columnsOfKeys.get(keys);
            if (fieldOfColumn == null) {
                fieldOfColumn = columns(keys, config, quiet, names, widthList);
                columnsOfKeys.put(keys, fieldOfColumn);
            }
            lastKeys = keys;
            lastColumns = fieldOfColumn;
            return fieldOfColumn;
        }

        DetailTable table() {
            if (anyInKernelForm) {
                addressWidth = Math.max(addressWidth, Text.hex8Length(biasedMaxStart - Long.MIN_VALUE));
                offsetWidth = Math.max(offsetWidth, Text.hex8Length(biasedMaxOffset - Long.MIN_VALUE));
                inodeWidth = Math.max(inodeWidth, Text.digits(biasedMaxInode - Long.MIN_VALUE));
            }
            int columns = names.size();
            int[] widths = new int[columns];
            for (int c = 0; c < columns; c++) {
                widths[c] = quiet ? widthList.get(c) : Math.max(widthList.get(c), Text.digits(totals[c]));
            }
            return new DetailTable(List.copyOf(names), widths, Arrays.copyOf(totals, columns), columnsOfKeys,
                    addressWidth, permWidth, offsetWidth, deviceWidth, inodeWidth, flagsWidth,
                    hasFlags && config.shows("VmFlags"));
        }
    }

    /**
     * Which field of a mapping with these keys fills each column: the keys the configuration shows, in order, which
     * must follow the columns found so far (new keys add columns at the end).
     *
     * @throws InconsistentFieldsException when they do not
     */
    private static int[] columns(List<String> keys, PmapConfig config, boolean quiet, List<String> names,
                                 List<Integer> widthList) {
        int[] fieldOfColumn = new int[keys.size()];
        int column = 0;
        for (int f = 0; f < keys.size(); f++) {
            String key = keys.get(f);
            if (!config.shows(key)) {
                continue;
            }
            if (column == names.size()) {
                names.add(key);
                widthList.add(quiet ? 0 : key.length());
            } else if (!names.get(column).equals(key)) {
                throw new InconsistentFieldsException(names.get(column), key);
            }
            fieldOfColumn[column] = f;
            column++;
        }
        return Arrays.copyOf(fieldOfColumn, column);
    }

    /** Which field of this mapping fills each column it has. */
    int[] fieldOfColumn(Mapping mapping) {
        return columnsOfKeys.get(mapping.fields().names());
    }

    /** The columns and widths the next PID's table starts from. */
    DetailColumns carried() {
        List<Integer> carriedWidths = new ArrayList<>(widths.length);
        for (int width : widths) {
            carriedWidths.add(width);
        }
        return new DetailColumns(names, carriedWidths);
    }
}
