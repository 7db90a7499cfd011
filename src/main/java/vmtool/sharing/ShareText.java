package vmtool.sharing;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.ByteText;
import vmtool.model.ProcessInfo;

/**
 * {@code vmtool share} as text for people: the process (or processes) asked about, then each object they map that
 * other processes map too, with those processes (the first {@link #NAMED} by pid and name, then how many more).
 */
public final class ShareText {
    /** Other processes named under an object; --detail names all. */
    public static final int NAMED = 12;
    private static final String[] HEADERS = {"KIND", "SIZE_KB", "RSS_KB", "PSS_KB", "OTHERS", "SAME_FRAMES", "NAME"};

    private final boolean detail;
    private final int columns;

    /**
     * @param detail  whether to name every other process, not only the first {@link #NAMED}
     * @param columns the terminal's width that every line fits, or 0 for lines written whole
     */
    public ShareText(boolean detail, int columns) {
        this.detail = detail;
        this.columns = columns;
    }

    public String render(Share share) {
        StringBuilder out = new StringBuilder(4096);
        for (ProcessInfo target : share.targets()) {
            line(target.pid() + ":   " + target.shownCommandLine(), out);
        }
        int others = share.read() - share.targets().size();
        line(ByteText.shown(share.selection()) + " shares " + share.objects().size() + " of its "
                + (share.objects().size() + share.alone()) + " objects with other processes (" + others
                + (others == 1 ? " other process" : " other processes") + " read"
                + (share.saved() ? " from " + ByteText.shown(share.source()) : "") + ")", out);
        if (!share.objects().isEmpty()) {
            boolean frames = !share.frames().isEmpty();
            Table table = new Table(frames ? HEADERS : withoutFrames(), 0, frames ? 6 : 5)
                    .dropping(frames ? new int[] {1, 2, 5} : new int[] {1, 2}).lastKeepsEnd();
            List<String> under = new ArrayList<>();
            for (Share.Shared shared : share.objects()) {
                Sums mine = Sums.ZERO;
                for (ProgramAnatomy.User user : shared.targets()) {
                    mine = mine.plus(user.sums());
                }
                List<String> cells = new ArrayList<>(List.of(shared.object().kind().id(),
                        Long.toString(shared.object().sizeKb()), Long.toString(mine.rssKb()),
                        Long.toString(mine.pssKb()), Integer.toString(shared.others().size())));
                if (frames) {
                    Share.Frames f = share.frames().get(shared.object().key());
                    cells.add(f == null ? "-" : f.samePages() + "/" + f.targetPages());
                }
                cells.add(ByteText.shown(ProgramText.objectName(shared.object())));
                table.add(cells.toArray(new String[0]));
                under.add(names(shared.others()));
            }
            table.render(out, "  ", columns, under);
            line("RSS_KB and PSS_KB are what " + (share.targets().size() == 1 ? "the process holds" : "the processes"
                    + " hold") + " of each object; OTHERS, how many other processes map it"
                    + (frames ? "; SAME_FRAMES, of its resident pages, how many are frames another process maps"
                    : "") + ".", out);
        }
        for (String skipped : share.skipped().lines()) {
            line(skipped, out);
        }
        for (String skipped : share.othersSkipped().linesOfOthers()) {
            line(skipped, out);
        }
        return out.toString();
    }

    private static String[] withoutFrames() {
        return new String[] {HEADERS[0], HEADERS[1], HEADERS[2], HEADERS[3], HEADERS[4], HEADERS[6]};
    }

    private String names(List<ProgramAnatomy.User> users) {
        StringBuilder text = new StringBuilder();
        int shown = detail ? users.size() : Math.min(users.size(), NAMED);
        for (int i = 0; i < shown; i++) {
            ProgramAnatomy.User user = users.get(i);
            text.append(i == 0 ? "" : ", ").append(user.pid()).append(' ').append(ByteText.shown(user.comm()));
        }
        if (shown < users.size()) {
            text.append(" and ").append(users.size() - shown).append(" more (--detail names them)");
        }
        return text.toString();
    }

    private void line(String text, StringBuilder out) {
        Table.line(text, columns, out);
    }

}
