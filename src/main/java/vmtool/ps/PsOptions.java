package vmtool.ps;

import java.util.List;

/**
 * What {@code vmtool ps} shows: one row per process, per program or per user, or the processes as a tree; sorted
 * by one key; only the processes that the filters take.
 *
 * @param by     how rows are made
 * @param tree   processes indented under their parents (with {@code by} {@link By#PROCESS} only)
 * @param sort   the order of rows (of siblings, in a tree)
 * @param names  program names a process must run one of ({@link vmtool.programs.ProcessSummary#runs}), byte
 *               text; empty: any
 * @param uids   effective user ids a process must have one of; empty: any
 */
public record PsOptions(By by, boolean tree, Sort sort, List<String> names, List<Integer> uids) {
    public PsOptions {
        names = List.copyOf(names);
        uids = List.copyOf(uids);
    }

    /** What one row stands for. */
    public enum By {
        PROCESS, PROGRAM, USER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The orders rows can be put in: sizes largest first, the others ascending. */
    public enum Sort {
        PSS, RSS, USS, SWAP, MAPPINGS, PID, NAME, USER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The key that {@code id} names, or null. */
        public static Sort of(String id) {
            for (Sort sort : values()) {
                if (sort.id().equals(id)) {
                    return sort;
                }
            }
            return null;
        }

        /** Every key, for a message: {@code pss, rss, ...}. */
        public static String ids() {
            StringBuilder ids = new StringBuilder();
            for (Sort sort : values()) {
                ids.append(ids.length() == 0 ? "" : ", ").append(sort.id());
            }
            return ids.toString();
        }
    }
}
