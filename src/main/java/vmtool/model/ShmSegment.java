package vmtool.model;

/**
 * One System V shared memory segment, as /proc/sysvipc/shm lists it.
 *
 * @param key       the key it was made with (0 for IPC_PRIVATE, and once it is marked for removal)
 * @param shmid     its id: the inode of its mappings in maps
 * @param sizeBytes its size
 * @param attached  how many attachments it has (nattch)
 * @param creator   the process that made it (cpid)
 * @param uid       its owner
 * @param removed   whether it is marked for removal (the SHM_DEST bit of its perms): it goes with the last detach
 */
public record ShmSegment(long key, long shmid, long sizeBytes, long attached, int creator, int uid,
                         boolean removed) {
    public long sizeKb() {
        return sizeBytes >>> 10;
    }
}
