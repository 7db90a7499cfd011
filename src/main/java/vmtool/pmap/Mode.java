package vmtool.pmap;

/** What pmap prints: one mode per run. */
public enum Mode {
    /** No option: address, size, permissions, name (from maps). */
    DEFAULT(false),
    /** {@code -x}: adds RSS and Dirty (from smaps). */
    EXTENDED(false),
    /** {@code -d}: adds offset and device (from maps). */
    DEVICE(false),
    /** {@code -X}: the smaps columns, less the page sizes, clean/dirty split and VmFlags. */
    MORE(true),
    /** {@code -XX}: every smaps column and VmFlags. */
    ALL(true),
    /** {@code -c}/{@code -C}: the columns an rc file enables. */
    RC(true);

    private final boolean detail;

    Mode(boolean detail) {
        this.detail = detail;
    }

    /** Whether this mode prints the smaps column table ({@code -X}, {@code -XX}, rc). */
    public boolean isDetail() {
        return detail;
    }

    /** Whether this mode reads smaps (with fields) rather than maps. */
    public boolean readsSmaps() {
        return this != DEFAULT && this != DEVICE;
    }
}
