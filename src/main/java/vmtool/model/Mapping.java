package vmtool.model;

import java.util.Objects;

/**
 * One line of /proc/PID/maps, or one mapping of /proc/PID/smaps with its fields: typed values, and the kernel's text
 * of every field as it was written (pmap prints it). The kernel writes the numbers in one form ({@code %08lx} for
 * addresses and offsets, {@code %02x:%02x} for the device, {@code %lu} for the inode), so their text is derived from
 * the number; only text in another form (a saved file may hold anything the parser accepts) is kept as written.
 * A 60,000-mapping process is held in a few MB this way.
 */
public final class Mapping {
    private final long start;
    private final long end;
    private final long offset;
    private final long inode;
    private final Permissions perms;
    private final Device device;
    private final String name;
    private final SmapsFields fields;
    private final String vmFlags;
    /** The start, offset and inode as written, when any of them is not in the kernel's form; else null. */
    private final WrittenText written;

    private record WrittenText(String start, String offset, String inode) {
    }

    /**
     * @param start      first address
     * @param end        address just past the mapping
     * @param startText  the start address as written (hex)
     * @param perms      permissions, e.g. {@code r-xp}
     * @param offsetText file offset as written (hex)
     * @param device     device, {@code major:minor} in hex, e.g. {@code fe:00}
     * @param inodeText  inode as written (decimal)
     * @param name       everything after the inode, leading blanks dropped: a path, {@code [heap]}, {@code [anon:x]},
     *                   or empty for an anonymous mapping; one char per byte as the kernel wrote it
     * @param fields     smaps key/value lines, none when read from maps
     * @param vmFlags    the VmFlags line's flags without the trailing blank, or null when there is none
     * @throws NumberFormatException when a text is not a number of its kind
     */
    public Mapping(long start, long end, String startText, Permissions perms, String offsetText, Device device,
                   String inodeText, String name, SmapsFields fields, String vmFlags) {
        this.start = start;
        this.end = end;
        this.offset = Long.parseUnsignedLong(offsetText, 16);
        this.inode = Long.parseUnsignedLong(inodeText);
        this.perms = Objects.requireNonNull(perms);
        this.device = Objects.requireNonNull(device);
        this.name = Objects.requireNonNull(name);
        this.fields = Objects.requireNonNull(fields);
        this.vmFlags = vmFlags;
        boolean kernelForm = startText.equals(hex8(start)) && offsetText.equals(hex8(offset))
                && inodeText.equals(Long.toUnsignedString(inode));
        this.written = kernelForm ? null : new WrittenText(startText, offsetText, inodeText);
    }

    /**
     * A mapping from its numbers, and from the text of those fields that were not written in the kernel's form
     * (null for each that was): what the parser makes of a line.
     */
    public static Mapping of(long start, long end, String startText, Permissions perms, long offset,
                             String offsetText, Device device, long inode, String inodeText, String name,
                             SmapsFields fields, String vmFlags) {
        WrittenText written = startText == null && offsetText == null && inodeText == null ? null
                : new WrittenText(startText != null ? startText : hex8(start),
                        offsetText != null ? offsetText : hex8(offset),
                        inodeText != null ? inodeText : Long.toUnsignedString(inode));
        return new Mapping(start, end, perms, offset, device, inode, name, fields, vmFlags, written);
    }

    private Mapping(long start, long end, Permissions perms, long offset, Device device, long inode, String name,
                    SmapsFields fields, String vmFlags, WrittenText written) {
        this.start = start;
        this.end = end;
        this.offset = offset;
        this.inode = inode;
        this.perms = Objects.requireNonNull(perms);
        this.device = Objects.requireNonNull(device);
        this.name = Objects.requireNonNull(name);
        this.fields = Objects.requireNonNull(fields);
        this.vmFlags = vmFlags;
        this.written = written;
    }

    /** {@code %08lx}: lowercase hex, at least 8 digits. */
    static String hex8(long value) {
        String hex = Long.toHexString(value);
        return hex.length() >= 8 ? hex : "00000000".substring(hex.length()) + hex;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /**
     * Whether the start, offset and inode are written as the kernel writes them ({@code %08lx}, {@code %08lx},
     * {@code %lu}), so that a renderer can print them from the numbers without making their text.
     */
    public boolean inKernelForm() {
        return written == null;
    }

    /** The start address as written. */
    public String startText() {
        return written == null ? hex8(start) : written.start;
    }

    public Permissions perms() {
        return perms;
    }

    /** The file offset as written (hex). */
    public String offsetText() {
        return written == null ? hex8(offset) : written.offset;
    }

    public long offset() {
        return offset;
    }

    public Device device() {
        return device;
    }

    /** The inode as written (decimal). */
    public String inodeText() {
        return written == null ? Long.toUnsignedString(inode) : written.inode;
    }

    public long inode() {
        return inode;
    }

    /** The name as written: a path, a bracketed kernel name, or empty. */
    public String name() {
        return name;
    }

    public SmapsFields fields() {
        return fields;
    }

    /** The VmFlags line's flags without the trailing blank, or null when there is none. */
    public String vmFlags() {
        return vmFlags;
    }

    /** Size in bytes. */
    public long size() {
        return end - start;
    }

    /** Size in kB, as pmap and smaps count it. */
    public long sizeKb() {
        return (end - start) >>> 10;
    }

    /**
     * What is wrong with {@code mapping} coming after {@code previous} (null for the first) in one address space, or
     * null when nothing is: the kernel lists each mapping as a range of at least a page, in address order, none
     * overlapping. A saved file that does not would give a span that runs backwards and sizes counted twice.
     */
    public static String orderProblem(Mapping previous, Mapping mapping) {
        if (Long.compareUnsigned(mapping.start, mapping.end) >= 0) {
            return "the mapping " + range(mapping) + " does not end after it starts; a mapping holds at least a page";
        }
        if (previous != null && Long.compareUnsigned(mapping.start, previous.end) < 0) {
            return "the mapping " + range(mapping) + " starts before the one before it (" + range(previous)
                    + ") ends; mappings are listed in address order and do not overlap, as the kernel writes them";
        }
        return null;
    }

    private static String range(Mapping mapping) {
        return Long.toHexString(mapping.start) + "-" + Long.toHexString(mapping.end);
    }

    /** Whether the address lies in this mapping. */
    public boolean contains(long address) {
        return Long.compareUnsigned(start, address) <= 0 && Long.compareUnsigned(address, end) < 0;
    }

    /**
     * Whether the main thread's stack starts here: procps's test for {@code [ stack ]}, which counts both ends
     * (0, for a process whose stat hides the address, is in no mapping).
     */
    public boolean holdsStackStart(long startStack) {
        return startStack != 0 && Long.compareUnsigned(startStack, start) >= 0
                && Long.compareUnsigned(startStack, end) <= 0;
    }

    /** Whether the name is a file's path (it starts with {@code /}). */
    public boolean isFile() {
        return !name.isEmpty() && name.charAt(0) == '/';
    }

    /** Whether the kernel marked the mapped file as deleted. */
    public boolean isDeleted() {
        return name.endsWith(" (deleted)");
    }

    /** The path without the kernel's {@code  (deleted)} mark. */
    public String path() {
        return isDeleted() ? name.substring(0, name.length() - " (deleted)".length()) : name;
    }

    /** The name the kernel gives anonymous memory mapped with MAP_HUGETLB (a file of its internal hugetlbfs mount). */
    public static final String ANON_HUGEPAGE = "/anon_hugepage";

    /**
     * Whether the mapping is of hugetlb pages: the {@code ht} VmFlag, a kernel page size above 4 kB in smaps, or
     * (a saved maps, without either) anonymous huge pages' own name on an internal mount. Transparent huge pages
     * are not hugetlb: they show as AnonHugePages.
     */
    public boolean isHugetlb() {
        return hasVmFlag("ht") || fields.valueOf("KernelPageSize") > 4
                || (device().major() == 0 && isFile() && path().equals(ANON_HUGEPAGE));
    }

    /**
     * The resident memory in kB: smaps's Rss plus Shared_Hugetlb and Private_Hugetlb, the resident hugetlb pages
     * that the kernel leaves out of Rss. (Anatomy's FieldIndex sums the same, by position.)
     */
    public long residentKb() {
        return fields.valueOf("Rss") + fields.valueOf("Shared_Hugetlb") + fields.valueOf("Private_Hugetlb");
    }

    /** Whether VmFlags has this two-letter flag ({@code gd}, {@code ht}, ...). */
    public boolean hasVmFlag(String flag) {
        if (vmFlags == null) {
            return false;
        }
        for (int i = 0; i + 1 < vmFlags.length(); i += 3) {
            if (vmFlags.charAt(i) == flag.charAt(0) && vmFlags.charAt(i + 1) == flag.charAt(1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mapping that && start == that.start && end == that.end && offset == that.offset
                && inode == that.inode && perms.equals(that.perms) && device.equals(that.device)
                && name.equals(that.name) && fields.equals(that.fields) && Objects.equals(vmFlags, that.vmFlags)
                && Objects.equals(written, that.written);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(start) * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return startText() + "-" + Long.toHexString(end) + " " + perms.text() + " " + offsetText() + " "
                + device.text() + " " + inodeText() + " " + name;
    }
}
