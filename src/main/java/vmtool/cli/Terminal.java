package vmtool.cli;

import java.io.OutputStream;

import vmtool.proc.ProcFs;

/** Whether a command's standard output is a terminal, and whether it may use colour there: asked by touch and map. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether {@code out} is the process's real standard output and that is a terminal (not {@code TERM=dumb}).
     * Tests write to a byte array, which never is. Asked of /proc/self/fd, not of JNA's isatty (whose loading costs
     * ~150 classes) nor of System.console() (there for a pipe too from JDK 22 on).
     */
    static boolean isTerminal(OutputStream out) {
        return StandardOutput.isProcessStdout(out) && !"dumb".equals(System.getenv("TERM"))
                && ProcFs.system().isTerminal(1);
    }

    /** Whether colour is wanted: not when NO_COLOR is set to anything but the empty string (no-color.org). */
    static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }
}
