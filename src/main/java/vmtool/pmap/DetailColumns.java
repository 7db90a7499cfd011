package vmtool.pmap;

import java.util.List;

/**
 * The smaps columns of the detail table and their widths. procps keeps them from one PID to the next, so a later
 * process's columns are at least as wide as an earlier one's; vmtool does the same to print the same bytes.
 */
record DetailColumns(List<String> names, List<Integer> widths) {
    static final DetailColumns NONE = new DetailColumns(List.of(), List.of());

    DetailColumns {
        names = List.copyOf(names);
        widths = List.copyOf(widths);
    }
}
