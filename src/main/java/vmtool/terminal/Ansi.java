package vmtool.terminal;

/**
 * The few ANSI (ECMA-48) sequences vmtool writes to a terminal: redraw a screen in place, hide the cursor while
 * it does, colour a word. Used only when standard output is a terminal; colour only when NO_COLOR is not set.
 */
public final class Ansi {
    /** Cursor to the top-left corner: the next frame is written over the last. */
    public static final String HOME = "\u001b[H";
    /** Erase from the cursor to the end of the line: a new line may be shorter than the old one there. */
    public static final String ERASE_LINE = "\u001b[K";
    /** Erase from the cursor to the end of the screen: the new frame may have fewer lines. */
    public static final String ERASE_BELOW = "\u001b[J";
    /** Clear the whole screen, for the first frame. */
    public static final String CLEAR = "\u001b[2J";
    public static final String HIDE_CURSOR = "\u001b[?25l";
    public static final String SHOW_CURSOR = "\u001b[?25h";

    public static final String BOLD = "1";
    public static final String RED = "31";
    public static final String GREEN = "32";

    private Ansi() {
    }

    /** The text in this SGR style, or as it is when colour is off. */
    public static String style(String text, String sgr, boolean colour) {
        return colour ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }

    /**
     * The text of a frame made to overwrite the one before it: from the top-left corner, each line erased to its
     * end, the rest of the screen erased below.
     */
    public static String redraw(String frame) {
        StringBuilder out = new StringBuilder(frame.length() + 256).append(HOME);
        int from = 0;
        for (int newline = frame.indexOf('\n'); newline >= 0; newline = frame.indexOf('\n', from)) {
            out.append(frame, from, newline).append(ERASE_LINE).append('\n');
            from = newline + 1;
        }
        out.append(frame, from, frame.length());
        return out.append(ERASE_BELOW).toString();
    }
}
