package vmtool.sharing;

import vmtool.model.Mapping;

/**
 * What makes two mappings one object: the device and inode of the file they map. Shared anonymous memory, memfd,
 * System V segments (whose inode is the shmid), POSIX shm and hugetlb files are files of the kernel's internal
 * mounts, each with an inode of its own, so the same rule finds them.
 *
 * @param major the device's major number
 * @param minor the device's minor number
 * @param inode the inode (the shmid for a System V segment)
 */
public record ObjectKey(int major, int minor, long inode) {

    /** The object a mapping maps, or null for anonymous memory (and the kernel's own areas), which has no inode. */
    public static ObjectKey of(Mapping mapping) {
        if (mapping.inode() == 0) {
            return null;
        }
        return new ObjectKey(mapping.device().major(), mapping.device().minor(), mapping.inode());
    }

    /** Whether two mappings map the same object (null {@code last}: none before), with no key made. */
    static boolean same(Mapping last, Mapping mapping) {
        return last != null && mapping.inode() == last.inode() && mapping.device().major() == last.device().major()
                && mapping.device().minor() == last.device().minor();
    }

    // equals and hashCode written out: a record's own are bootstrapped through java.lang.invoke (~30 classes spun at
    // run time, and every call goes through method handles), and the anatomy of a program hashes one key per mapping.
    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectKey key && key.inode == inode && key.major == major && key.minor == minor;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inode) * 31 + major * 257 + minor;
    }

    /** {@code fe:00 1234}, as maps writes them. */
    public String text() {
        return hex2(major) + ":" + hex2(minor) + " " + Long.toUnsignedString(inode);
    }

    private static String hex2(int value) {
        String hex = Integer.toHexString(value);
        return hex.length() < 2 ? "0" + hex : hex;
    }
}
