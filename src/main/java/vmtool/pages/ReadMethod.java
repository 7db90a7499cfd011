package vmtool.pages;

/** How the pages were read: what {@code pages --json} says as {@code "method"}. */
public enum ReadMethod {
    /** The PAGEMAP_SCAN ioctl (Linux 6.7+) for the runs, and pagemap for the present pages' entries. */
    PAGEMAP_SCAN("pagemap-scan"),
    /** pagemap alone, read in batches: kernels before 6.7, or when the ioctl is refused. */
    PAGEMAP_READ("pagemap-read");

    private final String id;

    ReadMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
