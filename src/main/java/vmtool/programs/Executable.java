package vmtool.programs;

/**
 * What /proc/PID/exe said: the text of the link, never opened or followed (the target controls what it names), or
 * why there is none.
 *
 * @param path  the link's text as the kernel wrote it (byte text), without the {@code " (deleted)"} that the
 *              kernel adds when the file was removed or replaced; empty unless {@code state} is {@code READ}
 * @param deleted whether the kernel said {@code (deleted)}
 * @param state whether the link could be read
 */
public record Executable(String path, boolean deleted, State state) {
    private static final String DELETED = " (deleted)";
    public static final Executable DENIED = new Executable("", false, State.DENIED);
    public static final Executable NONE = new Executable("", false, State.NONE);

    /** Whether the link could be read. */
    public enum State {
        READ,
        /** The kernel refused (another user's process, for a user who is not root). */
        DENIED,
        /** A kernel thread or a zombie, which has no executable. */
        NONE
    }

    /** The executable a link's text names. */
    public static Executable ofLinkText(String text) {
        return text.endsWith(DELETED) ? new Executable(text.substring(0, text.length() - DELETED.length()), true,
                State.READ) : new Executable(text, false, State.READ);
    }

    /** The link's text as the kernel wrote it (with " (deleted)"); empty when unread. */
    public String linkText() {
        return deleted ? path + DELETED : path;
    }

    public boolean known() {
        return state == State.READ;
    }

    /** The last component of the path (byte text); empty when unknown. */
    public String baseName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
