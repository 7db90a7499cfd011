package vmtool.proc;

/**
 * One line of /proc/PID/maps, or one mapping of /proc/PID/smaps with its fields.
 *
 * @param start       first address
 * @param end         address just past the mapping
 * @param startText   the start address as the kernel wrote it (hex, at least 8 digits)
 * @param perms       permissions as written, e.g. {@code r-xp}
 * @param offsetText  file offset as written (hex)
 * @param device      device as written, {@code major:minor} in hex, e.g. {@code fe:00}
 * @param inodeText   inode as written (decimal)
 * @param name        everything after the inode, leading blanks dropped: a path, {@code [heap]}, {@code [anon:x]},
 *                    or empty for an anonymous mapping
 * @param fields      smaps key/value lines, none when read from maps
 * @param vmFlags     the VmFlags line's flags without the trailing blank, or null when there is none
 */
public record Mapping(long start, long end, String startText, String perms, String offsetText,
                      String device, String inodeText, String name, SmapsFields fields, String vmFlags) {

    /** Size in bytes. */
    public long size() {
        return end - start;
    }

    public int deviceMajor() {
        return Integer.parseInt(device, 0, device.indexOf(':'), 16);
    }

    public int deviceMinor() {
        return Integer.parseInt(device, device.indexOf(':') + 1, device.length(), 16);
    }

    public long offset() {
        return Long.parseUnsignedLong(offsetText, 16);
    }

    public boolean isShared() {
        return perms.length() > 3 && perms.charAt(3) == 's';
    }
}
