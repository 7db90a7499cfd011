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
    /** The 32 possible values, made once: a file of 60,000 mappings shares a handful of them. */
    private static final Permissions[] ALL = new Permissions[32];

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
        if (text.length() == 4) {
            int bits = letter(text, 0, 'r', 1) | letter(text, 1, 'w', 2) | letter(text, 2, 'x', 4)
                    | letter(text, 3, 's', 8);
            if (bits >= 0 && (text.charAt(3) == 's' || text.charAt(3) == 'p')) {
                return ALL[bits];
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a permission field (like r-xp)");
    }

    private static int letter(CharSequence text, int index, char letter, int bit) {
        char c = text.charAt(index);
        return c == letter ? bit : c == '-' || index == 3 ? 0 : Integer.MIN_VALUE;
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
