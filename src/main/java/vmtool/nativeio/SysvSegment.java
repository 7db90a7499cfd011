package vmtool.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A System V shared memory segment of this process's own, attached read-only, detached and removed by
 * {@link #close()}. Java has no API for System V IPC at all.
 */
public final class SysvSegment implements AutoCloseable {
    private final int id;
    private final long address;

    private SysvSegment(int id, long address) {
        this.id = id;
        this.address = address;
    }

    /**
     * Creates a private segment of this many bytes, readable by its owner only, and attaches it read-only (shmget,
     * shmat). If the attaching fails, the segment is removed again.
     */
    public static SysvSegment attachNew(long bytes) throws LibcException {
        LinuxLibc libc = LinuxLibc.get();
        // Their failure is the return value; JNA keeps the errno that came with it (Native.getLastError).
        int id = libc.shmget(LinuxLibc.IPC_PRIVATE, bytes, LinuxLibc.IPC_CREAT | 0600);
        if (id == -1) {
            throw Libc.failure("shmget", Native.getLastError());
        }
        long address = Pointer.nativeValue(libc.shmat(id, null, LinuxLibc.SHM_RDONLY));
        if (address == -1L) {
            int errno = Native.getLastError();
            libc.shmctl(id, LinuxLibc.IPC_RMID, null);
            throw Libc.failure("shmat", errno);
        }
        return new SysvSegment(id, address);
    }

    /** Where the segment is attached in this process. */
    public long address() {
        return address;
    }

    /** Detaches and removes the segment (shmdt, shmctl IPC_RMID); a failure is ignored, with nothing left to try. */
    @Override
    public void close() {
        LinuxLibc libc = LinuxLibc.get();
        libc.shmdt(new Pointer(address));
        libc.shmctl(id, LinuxLibc.IPC_RMID, null);
    }
}
