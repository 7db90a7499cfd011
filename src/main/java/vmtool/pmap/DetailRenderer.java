package vmtool.pmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.SmapsFields;

/**
 * {@code pmap -X}, {@code -XX} and the rc-file mode: one column per enabled smaps key of the first mapping, in the
 * kernel's order, each as wide as the widest of its header, its total and (with {@code -q}) its values.
 *
 * <p>Totals are per process (procps 4.0.2 carries them over to the next PID; later releases fixed that), and only
 * mappings that overlap {@code -A} are shown and counted (4.0.2 ignores {@code -A} here).
 */
final class DetailRenderer {
    /** The Mapping column shows at most this many bytes of the name (procps's {@code %127[^\n]}). */
    private static final int NAME_LIMIT = 127;

    private DetailRenderer() {
    }

    /** What rendering one process gives: its text, and the columns the next process starts from. */
    record Result(String text, DetailColumns columns) {
    }

    /** Thrown when two mappings of one smaps file have different keys, which pmap refuses too. */
    static final class InconsistentFieldsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InconsistentFieldsException(String expected, String found) {
            super("inconsistent fields in smaps: expected " + expected + ", found " + found);
        }
    }

    static Result render(ProcessMaps maps, PmapConfig config, DetailColumns carried) {
        List<Mapping> mappings = maps.mappings();
        boolean quiet = config.quiet();
        boolean showPerm = config.shows("Perm");
        boolean showOffset = config.shows("Offset");
        boolean showDevice = config.shows("Device");
        boolean showInode = config.shows("Inode");
        boolean showMapping = config.shows("Mapping");

        // Widths and totals, from the model in memory (procps reads the file a second time for this).
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
        boolean showFlags = hasFlags && config.shows("VmFlags");

        StringBuilder out = new StringBuilder(mappings.size() * (32 + 12 * columns) + 256);
        if (!mappings.isEmpty() && !quiet) {
            addressWidth = header(out, "Address", addressWidth, true);
            permWidth = header(out, "Perm", permWidth, showPerm);
            offsetWidth = header(out, "Offset", offsetWidth, showOffset);
            deviceWidth = header(out, "Device", deviceWidth, showDevice);
            inodeWidth = header(out, "Inode", inodeWidth, showInode);
            for (int c = 0; c < columns; c++) {
                header(out, names.get(c), widths[c], true);
            }
            flagsWidth = header(out, "VmFlags", flagsWidth, showFlags);
            out.append(showMapping ? "Mapping\n" : "\n");
        }
        for (int m = 0; m < mappings.size(); m++) {
            Mapping mapping = mappings.get(m);
            if (!config.range().overlaps(mapping)) {
                continue;
            }
            Text.right(out, mapping.startText(), addressWidth);
            cell(out, mapping.perms().text(), permWidth, showPerm);
            cell(out, mapping.offsetText(), offsetWidth, showOffset);
            cell(out, mapping.device().text(), deviceWidth, showDevice);
            cell(out, mapping.inodeText(), inodeWidth, showInode);
            int[] fieldOfColumn = columnFields[m];
            for (int c = 0; c < columns; c++) {
                out.append(' ');
                if (c < fieldOfColumn.length) {
                    Text.number(out, mapping.fields().value(fieldOfColumn[c]), widths[c]);
                } else {
                    Text.right(out, "", widths[c]);
                }
            }
            cell(out, mapping.vmFlags() == null ? "" : mapping.vmFlags(), flagsWidth, showFlags);
            if (showMapping) {
                out.append(' ').append(displayName(mapping.name(), config.showPath()));
            }
            out.append('\n');
        }
        if (!quiet && columns > 0) {
            int gap = addressWidth + 1 + gap(permWidth, showPerm) + gap(offsetWidth, showOffset)
                    + gap(deviceWidth, showDevice) + gap(inodeWidth, showInode);
            Text.repeat(out, ' ', gap);
            for (int c = 0; c < columns; c++) {
                Text.repeat(out, '=', widths[c]).append(' ');
            }
            out.append('\n');
            Text.repeat(out, ' ', gap);
            for (int c = 0; c < columns; c++) {
                Text.number(out, totals[c], widths[c]).append(' ');
            }
            out.append("KB \n");
        }
        List<Integer> carriedWidths = new ArrayList<>(columns);
        for (int width : widths) {
            carriedWidths.add(width);
        }
        return new Result(out.toString(), new DetailColumns(names, carriedWidths));
    }

    /** Prints a column heading if the column is shown, and returns the column's width. */
    private static int header(StringBuilder out, String title, int width, boolean shown) {
        if (!shown) {
            return width;
        }
        int widened = Math.max(width, title.length());
        Text.right(out, title, widened).append(' ');
        return widened;
    }

    private static void cell(StringBuilder out, String value, int width, boolean shown) {
        if (shown) {
            out.append(' ');
            Text.right(out, value, width);
        }
    }

    private static int gap(int width, boolean shown) {
        return shown ? width + 1 : 0;
    }

    static String displayName(String name, boolean showPath) {
        String cut = name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT) : name;
        if (showPath) {
            return cut;
        }
        int slash = cut.lastIndexOf('/');
        return slash < 0 ? cut : cut.substring(slash + 1);
    }
}
