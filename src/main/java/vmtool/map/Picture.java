package vmtool.map;

import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.ProcessInfo;

/** What the three renderings say about the address space as a whole: its title and its totals. */
final class Picture {
    private Picture() {
    }

    /** {@code process 1234: sleep 600}, or {@code saved.smaps} for a saved file; as people are shown it. */
    static String title(AddressSpace space) {
        ProcessInfo process = space.process();
        if (space.saved() || process.pid() == 0) {
            return ByteText.shownUnicode(space.source());
        }
        String command = process.cmdline().isEmpty() ? "[" + process.comm() + "]"
                : process.cmdline().replace('\0', ' ').strip();
        return "process " + process.pid() + ": " + ByteText.shown(command);
    }

    /** {@code 31 mappings, 2.8 MiB mapped, 1.8 MiB resident; span 127 TiB}, Rss left out for a maps file. */
    static String summary(AddressSpace space, List<KindTotals> totals) {
        long sizeKb = 0;
        long rssKb = 0;
        for (KindTotals total : totals) {
            sizeKb += total.sizeKb();
            rssKb += total.rssKb();
        }
        StringBuilder out = new StringBuilder();
        int count = space.mappings().size();
        out.append(count).append(count == 1 ? " mapping, " : " mappings, ")
                .append(Scale.human(sizeKb << 10)).append(" mapped");
        if (space.hasFields()) {
            out.append(", ").append(Scale.human(rssKb << 10)).append(" resident");
        }
        if (count > 0) {
            long span = space.mappings().get(count - 1).end() - space.mappings().get(0).start();
            out.append("; span ").append(Scale.human(span));
        }
        return out.toString();
    }

    /** {@code deleted hugetlb}: the marks a region carries, blank-separated, or empty. */
    static String marks(vmtool.model.Region region) {
        return region.deleted() ? region.hugetlb() ? "deleted hugetlb" : "deleted" : region.hugetlb() ? "hugetlb" : "";
    }
}
