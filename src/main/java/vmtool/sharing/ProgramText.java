package vmtool.sharing;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.ByteText;
import vmtool.model.ProcessInfo;

/**
 * The anatomy of several processes as text for people: the processes, the kinds summed over them, what RSS and PSS
 * say of the whole, the objects that several of them map (each once, with who maps it), and what was skipped.
 * docs/anatomy.md shows it.
 */
public final class ProgramText {
    private static final String[] PROCESS_HEADERS = {"PID", "NAME", "MAPPINGS", "SIZE_KB", "RSS_KB", "PSS_KB",
        "USS_KB", "SWAP_KB", "COMMAND"};
    private static final String[] KIND_HEADERS = {"KIND", "MAPPINGS", "SIZE_KB", "RSS_KB", "PSS_KB", "USS_KB",
        "SWAP_KB", "MEANING"};
    private static final String[] OBJECT_HEADERS = {"KIND", "SIZE_KB", "RSS_KB", "PSS_KB", "USS_KB", "PROCESSES",
        "NAME"};

    private final boolean explain;
    private final boolean detail;
    private final int columns;

    /**
     * @param explain whether to give each kind's meaning (a MEANING column)
     * @param detail  whether to list every object, also those only one process maps
     * @param columns the terminal's width that every line fits, or 0 for lines written whole
     */
    public ProgramText(boolean explain, boolean detail, int columns) {
        this.explain = explain;
        this.detail = detail;
        this.columns = columns;
    }

    public String render(ProgramAnatomy anatomy) {
        StringBuilder out = new StringBuilder(8192);
        int count = anatomy.processes().size();
        fitted(ByteText.shown(anatomy.selection()) + ": " + count + (count == 1 ? " process" : " processes")
                + (anatomy.saved() ? " (" + ByteText.shown(anatomy.source()) + ")" : ""), out);
        if (count > 0) {
            processes(anatomy, out);
            out.append('\n');
            kinds(anatomy, out);
            out.append('\n');
            Sums total = anatomy.total();
            fitted("RSS summed: " + total.rssKb() + " kB, a shared page counted once in each process that maps it;"
                    + " PSS summed: " + total.pssKb() + " kB, each shared page divided between them: what the"
                    + " processes really hold. USS: " + total.ussKb() + " kB, what only one of them maps.", out);
            objects(anatomy, out);
        }
        if (!anatomy.skipped().isEmpty()) {
            out.append("skipped:\n");
            for (String line : anatomy.skipped().lines()) {
                fitted("  " + line, out);
            }
        }
        return out.toString();
    }

    private void fitted(String text, StringBuilder out) {
        Table.line(text, columns, out);
    }

    private void processes(ProgramAnatomy anatomy, StringBuilder out) {
        // Left out as the terminal narrows: swap, size, USS, mappings, RSS.
        Table table = new Table(PROCESS_HEADERS, 1, 8).dropping(7, 3, 6, 2, 4);
        for (ProgramAnatomy.Member member : anatomy.processes()) {
            ProcessInfo process = member.process();
            table.add(sums(Integer.toString(process.pid()), ByteText.shown(process.comm()), member.sums(),
                    process.shownCommandLine()));
        }
        table.add(sums("total", "", anatomy.total(), ""));
        table.render(out, "", columns, null);
    }

    private void kinds(ProgramAnatomy anatomy, StringBuilder out) {
        String[] headers = explain ? KIND_HEADERS : java.util.Arrays.copyOf(KIND_HEADERS, KIND_HEADERS.length - 1);
        Table table = explain ? new Table(headers, 0, 7).dropping(6, 2, 5, 1)
                : new Table(headers, 0).dropping(6, 2, 5, 1);
        for (ProgramAnatomy.KindRow row : anatomy.kinds()) {
            table.add(kindCells(row.kind().id(), row.sums(), explain ? row.kind().meaning() : null));
        }
        table.add(kindCells("total", anatomy.total(), explain ? "" : null));
        table.render(out, "", columns, null);
    }

    private void objects(ProgramAnatomy anatomy, StringBuilder out) {
        List<ProgramAnatomy.SharedObject> shared = anatomy.sharedObjects();
        int alone = anatomy.objects().size() - shared.size();
        List<ProgramAnatomy.SharedObject> listed = detail ? anatomy.objects() : shared;
        out.append('\n');
        fitted("shared objects: " + shared.size() + " mapped by two or more of these processes, each listed once"
                + (alone == 0 ? "" : detail ? "; then " + alone + " mapped by one only"
                : " (" + alone + " more mapped by one only: --detail lists them)"), out);
        if (listed.isEmpty()) {
            return;
        }
        Table table = new Table(OBJECT_HEADERS, 0, 6).dropping(4, 2, 1, 5).lastKeepsEnd();
        List<String> users = new ArrayList<>(listed.size());
        for (ProgramAnatomy.SharedObject object : listed) {
            Sums sums = object.sums();
            table.add(object.kind().id(), Long.toString(object.sizeKb()), Long.toString(sums.rssKb()),
                    Long.toString(sums.pssKb()), Long.toString(sums.ussKb()), Integer.toString(object.users().size()),
                    ByteText.shown(objectName(object)));
            users.add(users(object));
        }
        table.render(out, "  ", columns, users);
    }

    /** The name the kernel gives it, with a System V segment's id. */
    static String objectName(ProgramAnatomy.SharedObject object) {
        return object.segment() != null || object.kind() == vmtool.model.MappingKind.SYSV_SHM
                ? object.name() + " (shmid " + object.key().inode() + ")" : object.name();
    }

    /** {@code 12 chromium, 34 chromium} */
    private static String users(ProgramAnatomy.SharedObject object) {
        StringBuilder text = new StringBuilder();
        for (ProgramAnatomy.User user : object.users()) {
            text.append(text.length() == 0 ? "" : ", ").append(user.pid()).append(' ')
                    .append(ByteText.shown(user.comm()));
        }
        return text.toString();
    }

    private static String[] kindCells(String kind, Sums sums, String meaning) {
        String[] cells = sums(kind, null, sums, meaning == null ? "" : meaning);
        return meaning == null ? java.util.Arrays.copyOf(cells, cells.length - 1) : cells;
    }

    /** First cell, then (unless null) a name, the sums, and a last cell. */
    private static String[] sums(String first, String name, Sums sums, String last) {
        List<String> cells = new ArrayList<>(9);
        cells.add(first);
        if (name != null) {
            cells.add(name);
        }
        cells.add(Integer.toString(sums.mappings()));
        cells.add(Long.toString(sums.sizeKb()));
        cells.add(Long.toString(sums.rssKb()));
        cells.add(Long.toString(sums.pssKb()));
        cells.add(Long.toString(sums.ussKb()));
        cells.add(Long.toString(sums.swapKb()));
        cells.add(last);
        return cells.toArray(new String[0]);
    }
}
