package vmtool.pmap;

import java.util.Set;

/**
 * Everything that decides what pmap prints, fixed before any process is read.
 *
 * @param mode        the output mode
 * @param quiet       {@code -q}: no column header, no footer
 * @param showPath    {@code -p} (toggled by ShowPath in an rc file): full paths instead of base names
 * @param kernelNames {@code -k}: the kernel's bracketed names ({@code [heap]}) instead of {@code [ anon ]}
 * @param range       {@code -A}
 * @param rcFields    the fields an rc file enables (used in {@link Mode#RC} only)
 */
public record PmapConfig(Mode mode, boolean quiet, boolean showPath, boolean kernelNames, AddressRange range,
                         Set<String> rcFields) {

    /** The smaps keys {@code -X} leaves out. */
    private static final Set<String> LEFT_OUT_BY_MORE = Set.of("AnonHugePages", "KernelPageSize", "MMUPageSize",
            "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "VmFlags");

    public PmapConfig {
        rcFields = Set.copyOf(rcFields);
    }

    /** Whether a column of the detail table is shown: Perm, Offset, Device, Inode, an smaps key, VmFlags, Mapping. */
    public boolean shows(String column) {
        return switch (mode) {
            case MORE -> !LEFT_OUT_BY_MORE.contains(column);
            case RC -> rcFields.contains(column);
            default -> true;
        };
    }
}
