package vmtool.model;

/**
 * A mapping's permissions: the four letters the kernel writes ({@code r-xp}, {@code rw-s}), and what they mean.
 * The text is kept, because {@code pmap -X} prints it; the flags are read from it once.
 *
 * @param text    as the kernel wrote it
 * @param read    {@code r}
 * @param write   {@code w}
 * @param execute {@code x}
 * @param shared  {@code s}: changes are seen by every mapping of the same object ({@code p}: private, copy-on-write)
 */
public record Permissions(String text, boolean read, boolean write, boolean execute, boolean shared) {
    /** The 16 possible values, made once: a file of 60,000 mappings shares a handful of them. */
    private static final Permissions[] ALL = new Permissions[16];

    static {
        for (int bits = 0; bits < ALL.length; bits++) {
            String text = "" + ((bits & 1) != 0 ? 'r' : '-') + ((bits & 2) != 0 ? 'w' : '-')
                    + ((bits & 4) != 0 ? 'x' : '-') + ((bits & 8) != 0 ? 's' : 'p');
            ALL[bits] = new Permissions(text, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
        }
    }

    /**
     * The permissions written as {@code text}.
     *
     * @throws IllegalArgumentException when the text is not of the form {@code [r-][w-][x-][ps]}
     */
    public static Permissions parse(CharSequence text) {
        Permissions perms = text.length() == 4
                ? ofLetters(text.charAt(0), text.charAt(1), text.charAt(2), text.charAt(3)) : null;
        if (perms == null) {
            throw new IllegalArgumentException("'" + text + "' is not a permission field (like r-xp)");
        }
        return perms;
    }

    /**
     * The permissions these four letters spell, or null if they are not of the form {@code [r-][w-][x-][ps]}. Takes
     * chars or bytes alike, so that the parser can decode a line's bytes without making a String of them.
     */
    public static Permissions ofLetters(int read, int write, int execute, int sharing) {
        int bits = letter(read, 'r', 1) | letter(write, 'w', 2) | letter(execute, 'x', 4);
        if (bits < 0 || (sharing != 's' && sharing != 'p')) {
            return null;
        }
        return ALL[sharing == 's' ? bits | 8 : bits];
    }

    private static int letter(int c, char letter, int bit) {
        return c == letter ? bit : c == '-' ? 0 : Integer.MIN_VALUE;
    }

    /** No access at all ({@code ---p}): address space held back, or a guard page. */
    public boolean none() {
        return !read && !write && !execute;
    }

    /** Written out: a record's own equals bootstraps java.lang.runtime.ObjectMethods (StartupPathTest). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Permissions that && text.equals(that.text) && read == that.read
                && write == that.write && execute == that.execute && shared == that.shared;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
