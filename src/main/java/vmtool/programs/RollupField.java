package vmtool.programs;

/**
 * The lines of /proc/PID/smaps_rollup that vmtool reads, each key spelled here once. {@link #required} ones are in
 * every kernel that has smaps_rollup (4.14); the others came later (Pss_Anon, Pss_File, Pss_Shmem: 5.7; Pss_Dirty:
 * 6.0) and are absent on older kernels.
 */
public enum RollupField {
    RSS("Rss", true),
    PSS("Pss", true),
    PSS_DIRTY("Pss_Dirty", false),
    PSS_ANON("Pss_Anon", false),
    PSS_FILE("Pss_File", false),
    PSS_SHMEM("Pss_Shmem", false),
    SHARED_CLEAN("Shared_Clean", true),
    SHARED_DIRTY("Shared_Dirty", true),
    PRIVATE_CLEAN("Private_Clean", true),
    PRIVATE_DIRTY("Private_Dirty", true),
    REFERENCED("Referenced", false),
    ANONYMOUS("Anonymous", false),
    KSM("KSM", false),
    LAZY_FREE("LazyFree", false),
    ANON_HUGE_PAGES("AnonHugePages", false),
    SHMEM_PMD_MAPPED("ShmemPmdMapped", false),
    FILE_PMD_MAPPED("FilePmdMapped", false),
    SHARED_HUGETLB("Shared_Hugetlb", false),
    PRIVATE_HUGETLB("Private_Hugetlb", false),
    SWAP("Swap", true),
    SWAP_PSS("SwapPss", false),
    LOCKED("Locked", false);

    private static final RollupField[] ALL = values();

    private final String key;
    private final boolean required;

    RollupField(String key, boolean required) {
        this.key = key;
        this.required = required;
    }

    /** The key as the kernel writes it, without the colon. */
    public String key() {
        return key;
    }

    /** Whether every kernel with smaps_rollup writes it: a rollup without it is malformed. */
    public boolean required() {
        return required;
    }

    /** The JSON member for it: the key in lower case with {@code _kb}, e.g. {@code pss_anon_kb}. */
    public String jsonName() {
        return key.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT) + "_kb";
    }

    /**
     * The field whose key is {@code text[from, to)} (one char per byte), or null. The field of ordinal
     * {@code guess} is tried first: the kernel writes them in this order, so the one after the last line's is the
     * likely one.
     */
    public static RollupField ofKey(byte[] text, int from, int to, int guess) {
        if (guess >= 0 && guess < ALL.length && ALL[guess].is(text, from, to)) {
            return ALL[guess];
        }
        for (RollupField field : ALL) {
            if (field.is(text, from, to)) {
                return field;
            }
        }
        return null;
    }

    private boolean is(byte[] text, int from, int to) {
        if (to - from != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if ((text[from + i] & 0xff) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int count() {
        return ALL.length;
    }
}
