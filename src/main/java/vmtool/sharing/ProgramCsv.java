package vmtool.sharing;

import java.util.ArrayList;
import java.util.List;

import vmtool.export.Csv;

/**
 * The anatomy of several processes as CSV (RFC 4180), names as the kernel's bytes. Without --detail one row per
 * process and kind (summed by pid they give each process, by kind the program's kinds); with --detail one row per
 * object and process that maps it, for every object that two or more of them map.
 */
public final class ProgramCsv {
    static final List<String> SUMS = List.of("mappings", "size_kb", "rss_kb", "pss_kb", "uss_kb", "swap_kb");

    private ProgramCsv() {
    }

    public static String render(ProgramAnatomy anatomy, boolean detail) {
        StringBuilder out = new StringBuilder(4096);
        List<String> header = new ArrayList<>(detail
                ? List.of("kind", "name", "device", "inode", "object_size_kb", "pid", "process")
                : List.of("pid", "process", "kind"));
        header.addAll(SUMS);
        Csv.record(out, header);
        if (detail) {
            for (ProgramAnatomy.SharedObject object : anatomy.sharedObjects()) {
                String key = object.key().text();
                for (ProgramAnatomy.User user : object.users()) {
                    List<String> row = new ArrayList<>(List.of(object.kind().id(), object.name(),
                            key.substring(0, key.indexOf(' ')), Long.toUnsignedString(object.key().inode()),
                            Long.toString(object.sizeKb()), Integer.toString(user.pid()), user.comm()));
                    Csv.record(out, sums(row, user.sums()));
                }
            }
            return out.toString();
        }
        for (ProgramAnatomy.Member member : anatomy.processes()) {
            for (ProgramAnatomy.KindRow row : member.kinds()) {
                List<String> fields = new ArrayList<>(List.of(Integer.toString(member.process().pid()),
                        member.process().comm(), row.kind().id()));
                Csv.record(out, sums(fields, row.sums()));
            }
        }
        return out.toString();
    }

    private static List<String> sums(List<String> fields, Sums sums) {
        fields.add(Integer.toString(sums.mappings()));
        fields.add(Long.toString(sums.sizeKb()));
        fields.add(Long.toString(sums.rssKb()));
        fields.add(Long.toString(sums.pssKb()));
        fields.add(Long.toString(sums.ussKb()));
        fields.add(Long.toString(sums.swapKb()));
        return fields;
    }
}
