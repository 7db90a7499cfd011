package vmtool.model;

/**
 * One line of /proc/PID/maps, or one mapping of /proc/PID/smaps with its fields: the kernel's text, kept as written
 * (pmap prints it), beside typed values read from it once.
 *
 * @param start       first address
 * @param end         address just past the mapping
 * @param startText   the start address as the kernel wrote it (hex, at least 8 digits)
 * @param perms       permissions, e.g. {@code r-xp}
 * @param offsetText  file offset as written (hex)
 * @param device      device, {@code major:minor} in hex, e.g. {@code fe:00}
 * @param inodeText   inode as written (decimal)
 * @param name        everything after the inode, leading blanks dropped: a path, {@code [heap]}, {@code [anon:x]},
 *                    or empty for an anonymous mapping; one char per byte as the kernel wrote it
 * @param fields      smaps key/value lines, none when read from maps
 * @param vmFlags     the VmFlags line's flags without the trailing blank, or null when there is none
 */
public record Mapping(long start, long end, String startText, Permissions perms, String offsetText,
                      Device device, String inodeText, String name, SmapsFields fields, String vmFlags) {

    /** Size in bytes. */
    public long size() {
        return end - start;
    }

    /** Size in kB, as pmap and smaps count it. */
    public long sizeKb() {
        return (end - start) >>> 10;
    }

    public long offset() {
        return Long.parseUnsignedLong(offsetText, 16);
    }

    /** The inode number, or 0 when the text is not a number. */
    public long inode() {
        try {
            return Long.parseUnsignedLong(inodeText);
        } catch (NumberFormatException e) {
            return 0;
        }
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
}
