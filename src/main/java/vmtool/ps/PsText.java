package vmtool.ps;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.ByteText;
import vmtool.programs.Rollup;
import vmtool.programs.Totals;
import vmtool.terminal.TableFit;
import vmtool.terminal.TextWidth;

/**
 * {@code vmtool ps} for people: a table of rows with sizes in kB, a totals row, and a line for each kind of process
 * not shown. On a terminal ({@code columns} > 0) it fits the width: the command line is cut, and the least needed
 * columns go first; into a pipe nothing is cut. Names are shown through {@link ByteText#shown}.
 */
public final class PsText {
    /** The narrowest a command line is cut to before columns are left out. */
    private static final int MIN_COMMAND = 12;

    private PsText() {
    }

    public static String render(PsReport report, int columns) {
        boolean processes = report.options().by() == PsOptions.By.PROCESS;
        boolean users = report.options().by() == PsOptions.By.USER;
        List<String> header = new ArrayList<>(List.of(processes ? "PID" : "PROCS", "USER"));
        if (!users) {
            header.add(processes ? "NAME" : "PROGRAM");
        }
        header.addAll(List.of("MAPS", "SWAP", "USS", "PSS", "RSS"));
        if (processes) {
            header.add("COMMAND");
        }
        int width = header.size();
        int firstNumber = users ? 2 : 3;
        List<String[]> cells = new ArrayList<>();
        cells.add(header.toArray(new String[0]));
        for (PsReport.Row row : report.rows()) {
            String[] line = new String[width];
            line[0] = processes ? Integer.toString(row.process().pid())
                    : Integer.toString(row.group().processes().size());
            line[1] = ByteText.shown(row.user());
            if (!users) {
                line[2] = "  ".repeat(row.depth()) + ByteText.shown(row.name());
            }
            sizes(line, firstNumber, row.totals());
            if (processes) {
                line[width - 1] = ByteText.shown(row.process().commandLine());
            }
            cells.add(line);
        }
        String[] total = new String[width];
        total[0] = Integer.toString(report.totals().processes());
        total[1] = "total";
        if (!users) {
            total[2] = "";
        }
        sizes(total, firstNumber, report.totals());
        if (processes) {
            total[width - 1] = "";
        }
        if (!report.rows().isEmpty()) {
            cells.add(total);
        }
        int[] widths = new int[width];
        for (String[] line : cells) {
            for (int c = 0; c < width; c++) {
                widths[c] = Math.max(widths[c], TextWidth.columns(line[c]));
            }
        }
        boolean[] kept = new boolean[width];
        java.util.Arrays.fill(kept, true);
        if (columns > 0) {
            int[] fitted = widths.clone();
            if (processes) {
                fitted[width - 1] = Math.min(widths[width - 1], MIN_COMMAND);
            }
            // Left out first: MAPS, SWAP, USER, USS, RSS; PID, NAME, PSS and the command stay.
            kept = TableFit.kept(fitted, new int[] {firstNumber, firstNumber + 1, 1, firstNumber + 2,
                    firstNumber + 4}, columns);
            int used = TableFit.width(widths, kept);
            if (processes) {
                widths[width - 1] = Math.max(0, columns - (used - widths[width - 1]));
            } else if (!users && used > columns) {
                widths[2] = Math.max(MIN_COMMAND, widths[2] - (used - columns));
            }
        }
        if (!kept[1] && !users && !report.rows().isEmpty()) {
            // The USER column went: the totals row says what it is where the name was.
            total[2] = total[1];
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : report.rows().isEmpty() ? List.<String[]>of() : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < width; c++) {
                if (!kept[c]) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append("  ");
                }
                boolean number = c == 0 || c >= firstNumber && c < firstNumber + 5;
                String cell = line[c];
                if (columns > 0 && TextWidth.columns(cell) > widths[c]) {
                    cell = c == 2 && !processes ? TextWidth.keepEnd(cell, widths[c])
                            : TextWidth.keepStart(cell, widths[c]);
                }
                pad(text, cell, widths[c], number, c == width - 1 || c == lastKept(kept));
            }
            out.append(strip(text)).append('\n');
        }
        StringBuilder notes = new StringBuilder();
        notes(report, notes);
        for (String note : notes.toString().split("\n")) {
            if (note.isEmpty()) {
                continue;
            }
            for (String line : columns > 0 ? TextWidth.wrap(note, columns) : List.of(note)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The lines under the table: what is not shown, and why. */
    public static void notes(PsReport report, StringBuilder out) {
        if (report.rows().isEmpty()) {
            out.append("no process shown\n");
        }
        int denied = report.denied().size();
        if (denied > 0) {
            if (report.saved()) {
                out.append(denied).append(denied == 1 ? " process" : " processes")
                        .append(" could not be read when the capture was made (permission denied)\n");
            } else if (report.asRoot()) {
                out.append(denied).append(denied == 1 ? " process" : " processes")
                        .append(" could not be read, even as root (permission denied): ")
                        .append(pids(report)).append('\n');
            } else {
                out.append("run as root to see ").append(denied).append(" more (")
                        .append(denied == 1 ? "a process" : "processes")
                        .append(" whose memory the kernel shows only to its user or root)\n");
            }
        }
        if (report.exited() > 0) {
            out.append(report.exited()).append(report.exited() == 1 ? " process" : " processes")
                    .append(" exited while being read\n");
        }
    }

    private static String pids(PsReport report) {
        StringBuilder pids = new StringBuilder();
        for (int i = 0; i < report.denied().size() && i < 10; i++) {
            pids.append(i == 0 ? "" : ", ").append(report.denied().get(i).pid());
        }
        return report.denied().size() > 10 ? pids + ", ..." : pids.toString();
    }

    private static void sizes(String[] line, int first, Totals totals) {
        Rollup rollup = totals.rollup();
        line[first] = Long.toString(totals.mappings());
        line[first + 1] = Long.toString(rollup.swapKb());
        line[first + 2] = Long.toString(rollup.ussKb());
        line[first + 3] = Long.toString(rollup.pssKb());
        line[first + 4] = Long.toString(rollup.rssKb());
    }

    private static int lastKept(boolean[] kept) {
        for (int c = kept.length - 1; c >= 0; c--) {
            if (kept[c]) {
                return c;
            }
        }
        return -1;
    }

    private static void pad(StringBuilder text, String cell, int width, boolean right, boolean last) {
        int blanks = Math.max(0, width - TextWidth.columns(cell));
        if (right) {
            text.append(" ".repeat(blanks)).append(cell);
        } else {
            text.append(cell);
            if (!last) {
                text.append(" ".repeat(blanks));
            }
        }
    }

    private static String strip(StringBuilder text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }
}
