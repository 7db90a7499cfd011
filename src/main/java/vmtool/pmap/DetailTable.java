package vmtool.pmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * @param fieldOfColumn for each mapping, the index of its field in each column it has
 * @param addressWidth  width of the Address column, and so on for the other text columns
 * @param showFlags     whether the VmFlags column is shown (some mapping has VmFlags and the mode shows them)
 */
record DetailTable(List<String> names, int[] widths, long[] totals, int[][] fieldOfColumn, int addressWidth,
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
        boolean quiet = config.quiet();
        List<String> names = new ArrayList<>(carried.names());
        List<Integer> widthList = new ArrayList<>(carried.widths());
        int addressWidth = 0;
        int permWidth = 0;
        int offsetWidth = 0;
        int deviceWidth = 0;
        int inodeWidth = 0;
        int flagsWidth = 0;
        boolean hasFlags = false;
        long[] totals = new long[Math.max(names.size(), 32)];
        int[][] columnFields = new int[mappings.size()][];
        for (int m = 0; m < mappings.size(); m++) {
            Mapping mapping = mappings.get(m);
            addressWidth = Math.max(addressWidth, mapping.startText().length());
            permWidth = Math.max(permWidth, mapping.perms().text().length());
            offsetWidth = Math.max(offsetWidth, mapping.offsetText().length());
            deviceWidth = Math.max(deviceWidth, mapping.device().text().length());
            inodeWidth = Math.max(inodeWidth, mapping.inodeText().length());
            boolean inRange = config.range().overlaps(mapping);
            SmapsFields fields = mapping.fields();
            int[] fieldOfColumn = new int[fields.size()];
            int column = 0;
            for (int f = 0; f < fields.size(); f++) {
                String key = fields.name(f);
                if (!config.shows(key)) {
                    continue;
                }
                if (column == names.size()) {
                    names.add(key);
                    widthList.add(quiet ? 0 : key.length());
                } else if (!names.get(column).equals(key)) {
                    throw new InconsistentFieldsException(names.get(column), key);
                }
                if (column >= totals.length) {
                    totals = Arrays.copyOf(totals, totals.length * 2);
                }
                fieldOfColumn[column] = f;
                if (inRange) {
                    totals[column] += fields.value(f);
                    if (quiet) {
                        widthList.set(column, Math.max(widthList.get(column), Text.digits(fields.value(f))));
                    }
                }
                column++;
            }
            columnFields[m] = Arrays.copyOf(fieldOfColumn, column);
            if (mapping.vmFlags() != null) {
                hasFlags = true;
                flagsWidth = Math.max(flagsWidth, mapping.vmFlags().length());
            }
        }
        int columns = names.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = quiet ? widthList.get(c) : Math.max(widthList.get(c), Text.digits(totals[c]));
        }
        return new DetailTable(List.copyOf(names), widths, Arrays.copyOf(totals, columns), columnFields,
                addressWidth, permWidth, offsetWidth, deviceWidth, inodeWidth, flagsWidth,
                hasFlags && config.shows("VmFlags"));
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
