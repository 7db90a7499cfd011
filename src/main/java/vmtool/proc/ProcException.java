package vmtool.proc;

import java.nio.file.Path;

/** A file under /proc could not be read; says which file and why, in words a user can act on. */
public final class ProcException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the read failed. */
    public enum Kind {
        /** The file (so the process) does not exist, or the process ended while it was read. */
        GONE,
        /** The kernel refused: the process belongs to another user, or is not dumpable, or ptrace is restricted. */
        PERMISSION_DENIED,
        /** The file was read, but its text is not in the format this kernel is expected to write. */
        MALFORMED,
        /** Any other I/O error. */
        IO
    }

    private final Kind kind;
    private final transient Path path;
    private final Denial denial;

    public ProcException(Kind kind, Path path, String message, Throwable cause) {
        this(kind, path, message, cause, null);
    }

    /** A refusal whose reason was told ({@link ProcFs} tells it for a process's smaps and maps). */
    ProcException(Kind kind, Path path, String message, Throwable cause, Denial denial) {
        super(message, cause);
        this.kind = kind;
        this.path = path;
        this.denial = denial;
    }

    /** Why the kernel refused, when it did and the reason was told; null otherwise. */
    public Denial denial() {
        return denial;
    }

    /**
     * The line for people when a process's mappings could not be read: which file, and why in words that say what
     * to do (for a refusal: {@link Denial#reason}).
     *
     * @param pid the process asked for, named when the file is not known
     */
    public String explain(int pid) {
        String file = path == null ? "/proc/" + pid : path.toString();
        return switch (kind) {
            case PERMISSION_DENIED -> "cannot read " + file + ": permission denied"
                    + (denial == null ? "" : "; " + denial.reason());
            case GONE -> "process " + pid + " exited before its mappings could be read";
            default -> getMessage();
        };
    }

    public Kind kind() {
        return kind;
    }

    public Path path() {
        return path;
    }
}
