package vmtool.nativeio;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * The PAGEMAP_SCAN ioctl on an open /proc/PID/pagemap (Linux 6.7 and later): the runs of pages of a range by
 * category (present, swapped, file, the zero page, huge), without one entry per page. Java cannot make an ioctl; and
 * Debian 12's headers do not define this one, so {@code struct pm_scan_arg} and the request are written out here
 * (docs/pages.md). The argument and the output vector are allocated once and reused: allocating a large vector cost
 * more than a scan in a measured run.
 *
 * <p>Not thread-safe; one scanner per pagemap descriptor. Close it.
 */
public final class PagemapScan implements AutoCloseable {
    /** The categories (linux/fs.h's PAGE_IS_*). */
    public static final long PAGE_IS_WPALLOWED = 1L << 0;
    public static final long PAGE_IS_WRITTEN = 1L << 1;
    public static final long PAGE_IS_FILE = 1L << 2;
    public static final long PAGE_IS_PRESENT = 1L << 3;
    public static final long PAGE_IS_SWAPPED = 1L << 4;
    public static final long PAGE_IS_PFNZERO = 1L << 5;
    public static final long PAGE_IS_HUGE = 1L << 6;
    public static final long PAGE_IS_SOFT_DIRTY = 1L << 7;

    /** {@code _IOWR('f', 16, struct pm_scan_arg)}: direction 3 << 30, size 96 << 16, type 'f' << 8, number 16. */
    static final long REQUEST = (3L << 30) | (96L << 16) | ('f' << 8) | 16;
    /** struct pm_scan_arg: twelve u64, in this order. */
    static final int ARG_SIZE = 96;
    private static final int SIZE = 0;
    private static final int FLAGS = 8;
    private static final int START = 16;
    private static final int END = 24;
    private static final int WALK_END = 32;
    private static final int VEC = 40;
    private static final int VEC_LEN = 48;
    private static final int MAX_PAGES = 56;
    private static final int CATEGORY_INVERTED = 64;
    private static final int CATEGORY_MASK = 72;
    private static final int CATEGORY_ANYOF_MASK = 80;
    private static final int RETURN_MASK = 88;
    /** struct page_region: u64 start, end, categories. */
    private static final int REGION_SIZE = 24;

    private final LinuxLibc libc;
    private final int fd;
    private final int capacity;
    private final Memory argument;
    private final Memory vector;
    private long walkEnd;

    private PagemapScan(LinuxLibc libc, int fd, int capacity) {
        this.libc = libc;
        this.fd = fd;
        this.capacity = capacity;
        this.argument = new Memory(ARG_SIZE);
        this.vector = new Memory((long) REGION_SIZE * capacity);
    }

    /**
     * Opens a pagemap file for scanning, with room for {@code capacity} regions per call. The path is one that
     * vmtool.proc built; nothing the target names.
     *
     * @throws LibcException the open failed (EACCES for another user's process, ENOENT for a gone one)
     */
    public static PagemapScan open(String pagemapPath, int capacity) throws LibcException {
        LinuxLibc libc = LinuxLibc.get();
        byte[] bytes = pagemapPath.getBytes(StandardCharsets.ISO_8859_1);
        byte[] path = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, path, 0, bytes.length);
        int fd;
        try {
            fd = libc.open(path, LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw Libc.failure("open", e.getErrorCode());
        }
        return new PagemapScan(libc, fd, capacity);
    }

    /** How many regions one call can return. */
    public int capacity() {
        return capacity;
    }

    /**
     * Scans {@code [start, end)} (page-aligned) for pages in any of the categories {@code anyOf}, and fills the
     * vector with their runs, each with its categories masked by {@code returnMask}. Adjacent pages of the same
     * categories come as one region, across mappings.
     *
     * @return how many regions were filled; {@link #walkEnd()} then says where the walk stopped, which is
     *         {@code end} unless the vector filled up first
     * @throws LibcException ENOTTY or EINVAL on a kernel without PAGEMAP_SCAN (before 6.7), ESRCH for an exited
     *                       process
     */
    public int scan(long start, long end, long anyOf, long returnMask) throws LibcException {
        argument.setLong(SIZE, ARG_SIZE);
        argument.setLong(FLAGS, 0);
        argument.setLong(START, start);
        argument.setLong(END, end);
        argument.setLong(WALK_END, 0);
        argument.setPointer(VEC, vector);
        argument.setLong(VEC_LEN, capacity);
        argument.setLong(MAX_PAGES, 0);
        argument.setLong(CATEGORY_INVERTED, 0);
        argument.setLong(CATEGORY_MASK, 0);
        argument.setLong(CATEGORY_ANYOF_MASK, anyOf);
        argument.setLong(RETURN_MASK, returnMask);
        int filled;
        try {
            filled = libc.ioctl(fd, REQUEST, argument);
        } catch (LastErrorException e) {
            throw Libc.failure("ioctl(PAGEMAP_SCAN)", e.getErrorCode());
        }
        walkEnd = argument.getLong(WALK_END);
        return filled;
    }

    /** Where the last scan stopped: its end, or the first address it did not reach because the vector was full. */
    public long walkEnd() {
        return walkEnd;
    }

    /**
     * The first {@code n} regions of the last scan, copied in one native call into {@code into}: for each, its
     * start, its end (exclusive) and its categories (masked by the scan's return mask), three longs.
     */
    public void regions(int n, long[] into) {
        vector.read(0, into, 0, 3 * n);
    }

    @Override
    public void close() {
        libc.close(fd);
        argument.close();
        vector.close();
    }
}
