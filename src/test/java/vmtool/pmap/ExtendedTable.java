package vmtool.pmap;

import java.util.ArrayList;
import java.util.List;

/**
 * One process's section of `pmap -X`/`-XX` output, read back: the PID line, the column header, the rows
 * (as whitespace-separated words), and the totals line. Numeric columns are those between Inode and
 * VmFlags/Mapping in the header.
 */
record ExtendedTable(String pidLine, List<String> header, List<List<String>> rows, List<String> rowLines,
        List<Long> totals) {

    static ExtendedTable parse(List<String> section) {
        String pidLine = section.get(0);
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        List<String> rowLines = new ArrayList<>();
        List<Long> totals = null;
        for (String line : section.subList(1, section.size())) {
            List<String> words = Outputs.words(line);
            if (!words.isEmpty() && words.get(0).equals("Address")) {
                header = words;
            } else if (line.strip().matches("=[= ]*")) {
                continue;
            } else if (line.endsWith("KB ")) {
                totals = new ArrayList<>();
                for (String word : words.subList(0, words.size() - 1)) {
                    totals.add(Long.parseLong(word));
                }
            } else {
                rows.add(words);
                rowLines.add(line);
            }
        }
        return new ExtendedTable(pidLine, header, rows, rowLines, totals);
    }

    /** How many numeric columns follow Address Perm Offset Device Inode. */
    int numericColumns() {
        int inode = header.indexOf("Inode");
        int end = header.indexOf("VmFlags");
        if (end < 0) {
            end = header.indexOf("Mapping");
        }
        if (end < 0) {
            end = header.size();
        }
        return end - inode - 1;
    }

    /** The sum of each numeric column over these rows. */
    List<Long> sums(int columns) {
        List<Long> sums = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            long sum = 0;
            for (List<String> row : rows) {
                sum += Long.parseLong(row.get(5 + column));
            }
            sums.add(sum);
        }
        return sums;
    }

    static long start(List<String> row) {
        return Long.parseUnsignedLong(row.get(0), 16);
    }
}
