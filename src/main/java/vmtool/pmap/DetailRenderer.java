package vmtool.pmap;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;

/**
 * {@code pmap -X}, {@code -XX} and the rc-file mode: one column per enabled smaps key of the first mapping, in the
 * kernel's order, sized by {@link DetailTable}.
 *
 * <p>Totals are per process (procps 4.0.2 carries them over to the next PID; later releases fixed that), and only
 * mappings that overlap {@code -A} are shown and counted (4.0.2 ignores {@code -A} here).
 */
final class DetailRenderer implements Renderer {
    private final PmapConfig config;
    private final boolean showPerm;
    private final boolean showOffset;
    private final boolean showDevice;
    private final boolean showInode;
    private final boolean showMapping;

    DetailRenderer(PmapConfig config) {
        this.config = config;
        this.showPerm = config.shows("Perm");
        this.showOffset = config.shows("Offset");
        this.showDevice = config.shows("Device");
        this.showInode = config.shows("Inode");
        this.showMapping = config.shows("Mapping");
    }

    /** @throws DetailTable.InconsistentFieldsException when two mappings have different smaps keys */
    @Override
    public DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink out)
            throws IOException {
        List<Mapping> mappings = space.mappings();
        DetailTable table = DetailTable.measure(mappings, config, carried);
        int columns = table.names().size();
        int addressWidth = table.addressWidth();
        int permWidth = table.permWidth();
        int offsetWidth = table.offsetWidth();
        int deviceWidth = table.deviceWidth();
        int inodeWidth = table.inodeWidth();
        int flagsWidth = table.flagsWidth();
        if (!mappings.isEmpty() && !config.quiet()) {
            addressWidth = header(out, "Address", addressWidth, true);
            permWidth = header(out, "Perm", permWidth, showPerm);
            offsetWidth = header(out, "Offset", offsetWidth, showOffset);
            deviceWidth = header(out, "Device", deviceWidth, showDevice);
            inodeWidth = header(out, "Inode", inodeWidth, showInode);
            for (int c = 0; c < columns; c++) {
                header(out, table.names().get(c), table.widths()[c], true);
            }
            flagsWidth = header(out, "VmFlags", flagsWidth, table.showFlags());
            out.append(showMapping ? "Mapping\n" : "\n");
        }
        Rows rows = new Rows(table, addressWidth, permWidth, offsetWidth, deviceWidth, inodeWidth, flagsWidth);
        AddressRange range = config.range();
        boolean everything = range.isAll();
        for (int m = 0; m < mappings.size(); m++) {
            Mapping mapping = mappings.get(m);
            if (everything || range.overlaps(mapping)) {
                row(out, mapping, rows);
            }
        }
        if (!config.quiet() && columns > 0) {
            footer(out, table, addressWidth + 1 + gap(permWidth, showPerm) + gap(offsetWidth, showOffset)
                    + gap(deviceWidth, showDevice) + gap(inodeWidth, showInode));
        }
        return table.carried();
    }

    /**
     * What every row needs: the widths of the columns before the smaps fields' and of VmFlags (once their headings
     * have widened them), and the values of the row being printed. Plain fields, not a record's accessors: the first
     * rows are printed in the interpreter, where each call shows.
     */
    private static final class Rows {
        final DetailTable table;
        final int[] columnWidths;
        final int address;
        final int perm;
        final int offset;
        final int device;
        final int inode;
        final int flags;
        final long[] values;
        /** The number columns blank (a blank before each), and the offset of each column's last char in them. */
        final byte[] blankNumbers;
        final int[] numberEnds;
        /** The last row's keys and their columns: consecutive mappings nearly always share the parser's list. */
        List<String> lastKeys;
        int[] lastColumns;

        Rows(DetailTable table, int address, int perm, int offset, int device, int inode, int flags) {
            this.table = table;
            this.columnWidths = table.widths();
            this.address = address;
            this.perm = perm;
            this.offset = offset;
            this.device = device;
            this.inode = inode;
            this.flags = flags;
            this.values = new long[columnWidths.length];
            this.numberEnds = new int[columnWidths.length];
            int end = 0;
            for (int c = 0; c < columnWidths.length; c++) {
                end += 1 + columnWidths[c];
                numberEnds[c] = end - 1;
            }
            this.blankNumbers = new byte[end];
            Arrays.fill(blankNumbers, (byte) ' ');
        }

        int[] fieldOfColumn(Mapping mapping) {
            List<String> keys = mapping.fields().names();
            if (keys != lastKeys) {
                lastColumns = table.fieldOfColumn(mapping);
                lastKeys = keys;
            }
            return lastColumns;
        }
    }

    /** One mapping's row (a method of its own, so that the JIT compiles it early: see SmapsParser.parseMappings). */
    private void row(TextSink out, Mapping mapping, Rows rows) throws IOException {
        address(out, mapping, rows.address);
        cell(out, mapping.perms().text(), rows.perm, showPerm);
        if (showOffset) {
            offset(out.append(' '), mapping, rows.offset);
        }
        cell(out, mapping.device().text(), rows.device, showDevice);
        if (showInode) {
            inode(out.append(' '), mapping, rows.inode);
        }
        int[] fieldOfColumn = rows.fieldOfColumn(mapping);
        mapping.fields().values(fieldOfColumn, rows.values);
        out.numberColumns(rows.blankNumbers, rows.numberEnds, rows.columnWidths, rows.values, fieldOfColumn.length);
        if (rows.table.showFlags()) {
            String flags = mapping.vmFlags();
            Text.right(out.append(' '), flags == null ? "" : flags, rows.flags);
        }
        if (showMapping) {
            MappingName.ofDetailModes(out.append(' '), mapping, config.showPath());
        }
        out.append('\n');
        out.endRow();
    }

    /** The rule of {@code =} under each column, then the totals. */
    private static void footer(TextSink out, DetailTable table, int indent) {
        int columns = table.names().size();
        out.repeat(' ', indent);
        for (int c = 0; c < columns; c++) {
            out.repeat('=', table.widths()[c]).append(' ');
        }
        out.append('\n');
        out.repeat(' ', indent);
        for (int c = 0; c < columns; c++) {
            Text.number(out, table.totals()[c], table.widths()[c]).append(' ');
        }
        out.append("KB \n");
    }

    /** Prints a column heading if the column is shown, and returns the column's width. */
    private static int header(TextSink out, String title, int width, boolean shown) {
        if (!shown) {
            return width;
        }
        int widened = Math.max(width, title.length());
        Text.right(out, title, widened).append(' ');
        return widened;
    }

    // The start, offset and inode as written; from the numbers when they are in the kernel's form (no String per row).

    private static void address(TextSink out, Mapping mapping, int width) {
        if (mapping.inKernelForm()) {
            Text.rightHex8(out, mapping.start(), width);
        } else {
            Text.right(out, mapping.startText(), width);
        }
    }

    private static void offset(TextSink out, Mapping mapping, int width) {
        if (mapping.inKernelForm()) {
            Text.rightHex8(out, mapping.offset(), width);
        } else {
            Text.right(out, mapping.offsetText(), width);
        }
    }

    private static void inode(TextSink out, Mapping mapping, int width) {
        if (mapping.inKernelForm()) {
            Text.number(out, mapping.inode(), width);
        } else {
            Text.right(out, mapping.inodeText(), width);
        }
    }

    private static void cell(TextSink out, String value, int width, boolean shown) {
        if (shown) {
            out.append(' ');
            Text.right(out, value, width);
        }
    }

    private static int gap(int width, boolean shown) {
        return shown ? width + 1 : 0;
    }
}
