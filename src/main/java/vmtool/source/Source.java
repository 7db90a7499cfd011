package vmtool.source;

import vmtool.model.Pid;

/**
 * Where an address space comes from: a live process, or a saved file ({@code -} for standard input) holding a copy
 * of /proc/PID/smaps, of /proc/PID/maps, or vmtool's JSON snapshot.
 */
public sealed interface Source permits Source.Live, Source.Saved {

    /** A process, by its id (a thread id names its process). */
    record Live(int pid) implements Source {
    }

    /** A saved file; {@code -} is standard input. */
    record Saved(String file) implements Source {
        /** How messages name it. */
        public String displayName() {
            return file.equals("-") ? "standard input" : file;
        }
    }

    /**
     * The process an operand names, as {@link Pid} reads it.
     *
     * @throws IllegalArgumentException with a message for the user when it names none
     */
    static Live process(String operand) {
        return new Live(Pid.parse(operand));
    }
}
