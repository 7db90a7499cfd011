package vmtool.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import vmtool.nativeio.LinuxLibc;
import vmtool.proc.ProcFs;

/** Whether a command's standard output is a terminal, and whether it may use colour there: asked by touch and map. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether {@code out} is the process's real standard output and that is a terminal (not {@code TERM=dumb}).
     * Tests write to a byte array, which never is.
     */
    static boolean isTerminal(OutputStream out) {
        OutputStream raw = out instanceof StandardOutput standard ? standard.underlying() : out;
        if (!(raw instanceof FileOutputStream file)) {
            return false;
        }
        try {
            // System.console() is there only when stdin and stdout are both terminals: then JNA is not needed;
            // a pipe or a file is told from /proc/self/fd, also without JNA (whose loading costs ~150 classes).
            return file.getFD() == FileDescriptor.out && !"dumb".equals(System.getenv("TERM"))
                    && (System.console() != null
                        || !ProcFs.system().certainlyNotATerminal(1) && LinuxLibc.get().isatty(1) == 1);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether colour is wanted: not when NO_COLOR is set to anything but the empty string (no-color.org). */
    static boolean colourWanted() {
        String noColor = System.getenv("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }
}
