package vmtool.terminal;

import java.util.Map;

import vmtool.nativeio.Libc;
import vmtool.nativeio.LibcException;

/**
 * The size in character cells of the terminal that human output is drawn on, which that output is fitted to: asked
 * of the terminal (TIOCGWINSZ on standard output), else {@code $COLUMNS} and {@code $LINES}, else 80 by 24. Only
 * asked when standard output is a terminal ({@link Terminal} decides): output into a pipe or a file is never fitted,
 * and pmap, whose output is procps's at any width, never asks (asking loads JNA).
 */
public final class Screen {
    public static final int DEFAULT_COLUMNS = 80;
    public static final int DEFAULT_ROWS = 24;
    /** Narrower than this, nothing is left to fit: the layouts assume at least this much. */
    public static final int MIN_COLUMNS = 20;
    private static final int STANDARD_OUTPUT = 1;

    private final int columns;
    private final int rows;
    /** Where a live screen's fallback size is read ($COLUMNS, $LINES); null for a fixed one. */
    private final Map<String, String> environment;

    private Screen(int columns, int rows, Map<String, String> environment) {
        this.columns = Math.max(MIN_COLUMNS, columns);
        this.rows = Math.max(1, rows);
        this.environment = environment;
    }

    /** A screen of this size, which {@link #now()} does not ask again: for tests, and for one-shot output. */
    public static Screen fixed(int columns, int rows) {
        return new Screen(columns, rows, null);
    }

    /** The terminal on standard output, asked now and again at every {@link #now()} (it may be resized). */
    public static Screen standardOutput(Map<String, String> environment) {
        return ask(environment);
    }

    /**
     * The size now: a live screen asks the terminal again (one ioctl, about a microsecond once JNA is loaded; a
     * command that redraws calls this once per refresh), a fixed one is itself.
     */
    public Screen now() {
        return environment != null ? ask(environment) : this;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /**
     * The widest a line rewritten in place may be (touch's status line, watch's frame): one column less than the
     * screen, since a line that reaches the last column leaves the cursor pending a wrap, where erasing to the end
     * of the line erases the last character and some terminals wrap at once.
     */
    public int inPlaceColumns() {
        return columns - 1;
    }

    private static Screen ask(Map<String, String> environment) {
        int columns = 0;
        int rows = 0;
        try {
            Libc.WindowSize size = Libc.windowSize(STANDARD_OUTPUT);
            columns = size.columns();
            rows = size.rows();
        } catch (LibcException | LinkageError e) {
            // Not a terminal after all (ENOTTY), or JNA cannot load: the environment, else the default.
        }
        if (columns <= 0) {
            columns = positive(environment.get("COLUMNS"), DEFAULT_COLUMNS);
        }
        if (rows <= 0) {
            rows = positive(environment.get("LINES"), DEFAULT_ROWS);
        }
        return new Screen(columns, rows, environment);
    }

    /** A positive whole number of cells from the environment, else the default. */
    static int positive(String text, int otherwise) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return otherwise;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return otherwise;
            }
            value = value * 10 + c - '0';
        }
        return value > 0 ? value : otherwise;
    }
}
