package vmtool.terminal;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The terminal a command's standard output shows, if any: whether a person reads it, whether it may be drawn on with
 * escape sequences and in colour, and its {@link Screen}. Asked by touch, watch, map, anatomy and where; never by
 * pmap, whose output is procps's at any width. Made once per run with the command's context, so that a test can give
 * a command a terminal of a known size, or none.
 */
public final class Terminal {
    private final BooleanSupplier shown;
    private final Map<String, String> environment;
    private final Screen fixedScreen;
    private Boolean showsText;

    private Terminal(BooleanSupplier shown, Map<String, String> environment, Screen fixedScreen) {
        this.shown = shown;
        this.environment = environment;
        this.fixedScreen = fixedScreen;
    }

    /**
     * The terminal of a run: {@code shown} tells, when first asked, whether standard output is a terminal (asked of
     * /proc/self/fd, not of JNA's isatty, whose loading costs ~150 classes, nor of System.console(), which from JDK
     * 22 on is there for a pipe too); its size is asked of the terminal, else of $COLUMNS and $LINES.
     */
    public static Terminal of(BooleanSupplier shown, Map<String, String> environment) {
        return new Terminal(shown, environment, null);
    }

    /** Output that no person reads as it is written: a pipe, a file, a test's byte array. */
    public static Terminal none(Map<String, String> environment) {
        return new Terminal(() -> false, environment, null);
    }

    /** A terminal of this fixed size (for tests and fixture runs): output is fitted to it. */
    public static Terminal fixed(Screen screen, Map<String, String> environment) {
        return new Terminal(() -> true, environment, screen);
    }

    /** Whether standard output is a terminal, of any kind: a person reads it, so human output is fitted to it. */
    public boolean showsText() {
        if (showsText == null) {
            showsText = shown.getAsBoolean();
        }
        return showsText;
    }

    /** Whether standard output is a terminal that may be drawn on with escape sequences (not {@code TERM=dumb}). */
    public boolean drawable() {
        return showsText() && !"dumb".equals(environment.get("TERM"));
    }

    /** The screen that standard output shows, asked again at each refresh; null when it is no terminal. */
    public Screen screen() {
        if (!showsText()) {
            return null;
        }
        return fixedScreen != null ? fixedScreen : Screen.standardOutput(environment);
    }

    /** Whether colour is wanted: not when NO_COLOR is set to anything but the empty string (no-color.org). */
    public boolean colourWanted() {
        String noColor = environment.get("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }
}
