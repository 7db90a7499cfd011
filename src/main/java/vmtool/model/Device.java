package vmtool.model;

/**
 * The device of a mapping's file as the kernel writes it ({@code fe:00}: major and minor in hex), and its numbers.
 * Anonymous memory has device 0:0; kernel-internal files (shared anonymous memory, System V segments, memfd) have
 * major 0 and a minor of their own.
 *
 * @param text  as written
 * @param major the major number
 * @param minor the minor number
 */
public record Device(String text, int major, int minor) {
    private static final Device NONE = new Device("00:00", 0, 0);

    /**
     * @throws IllegalArgumentException when the text is not {@code hex:hex}
     */
    public static Device parse(String text) {
        if (text.equals(NONE.text)) {
            return NONE;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1 && colon <= 8 && text.length() - colon <= 9) {
            try {
                return new Device(text, Integer.parseUnsignedInt(text, 0, colon, 16),
                        Integer.parseUnsignedInt(text, colon + 1, text.length(), 16));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a device field (like fe:00)");
    }

    @Override
    public String toString() {
        return text;
    }
}
