package vmtool.proc;

import java.nio.file.Path;

/** A file under /proc could not be read; says which file and why, in words a user can act on. */
public final class ProcException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the read failed. */
    public enum Kind {
        /** The file (so the process) does not exist, or the process ended while it was read. */
        GONE,
        /** The kernel refused: the process belongs to another user, or ptrace access is restricted. */
        PERMISSION_DENIED,
        /** The file was read, but its text is not in the format this kernel is expected to write. */
        MALFORMED,
        /** Any other I/O error. */
        IO
    }

    private final Kind kind;
    private final transient Path path;

    public ProcException(Kind kind, Path path, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    public Path path() {
        return path;
    }
}
