package vmtool.cli;

import java.io.OutputStream;

import vmtool.proc.ProcFs;
import vmtool.terminal.Screen;

/**
 * Whether a command's standard output is a terminal, the screen its human output is fitted to there, and whether it
 * may use colour: asked by touch, watch, map, anatomy and where; never by pmap, whose output is procps's at any width.
 */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether {@code out} is the process's real standard output and that is a terminal (not {@code TERM=dumb}), so
     * that it may be drawn on with escape sequences. Tests write to a byte array, which never is.
     */
    static boolean isTerminal(OutputStream out) {
        return showsText(out) && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Whether {@code out} is the process's real standard output and that is a terminal, of any kind: a person reads
     * it. Asked of /proc/self/fd, not of JNA's isatty (whose loading costs ~150 classes) nor of System.console()
     * (there for a pipe too from JDK 22 on).
     */
    static boolean showsText(OutputStream out) {
        return StandardOutput.isProcessStdout(out) && ProcFs.system().isTerminal(1);
    }

    /** The screen that {@code out} shows, asked again at each refresh; null when it is no terminal (never fitted). */
    static Screen screen(OutputStream out) {
        return showsText(out) ? Screen.standardOutput() : null;
    }

    /** Whether colour is wanted: not when NO_COLOR is set to anything but the empty string (no-color.org). */
    static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }
}
