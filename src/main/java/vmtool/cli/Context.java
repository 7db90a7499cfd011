package vmtool.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import vmtool.proc.ProcFs;
import vmtool.terminal.Screen;
import vmtool.terminal.Terminal;
import vmtool.terminal.TextWidth;

/**
 * Everything a command takes from the machine it runs on, made once per run by {@link CommandLineFactory} and
 * passed to every command: the /proc it reads, its standard streams, its environment, its clock and its terminal.
 * No command reaches for {@code ProcFs.system()}, {@code System.in}, {@code System.getenv} or the system clock
 * itself, so every command can be run by a test on a fixture /proc, with given input, environment, time and screen.
 *
 * @param proc     the /proc that processes are read from
 * @param in       standard input ({@code --file -}, a FIFO's data)
 * @param out      standard output, raw bytes (pmap's output is the kernel's bytes); write failures are typed
 * @param err      the error writer: one line per failure
 * @param env      the environment, not changed while the command runs (HOME, POSIXLY_CORRECT, TERM, NO_COLOR, COLUMNS, LINES, VMTOOL_DEBUG, the locale)
 * @param clock    the time snapshots are stamped with, and watch shows (in the clock's zone)
 * @param terminal what standard output shows, for human output
 */
public record Context(ProcFs proc, InputStream in, OutputStream out, PrintWriter err, Map<String, String> env,
                      Clock clock, Terminal terminal) {
    public Context {
        out = out instanceof StandardOutput ? out : new StandardOutput(out);
    }

    /** The run's context on this machine: /proc, the process's stdin, the given streams, the real environment. */
    static Context system(OutputStream out, PrintWriter err) {
        ProcFs proc = ProcFs.system();
        Map<String, String> env = System.getenv();
        StandardOutput standard = new StandardOutput(out);
        // A class, not a lambda: a lambda's bootstrap costs every command's start-up (StartupPathTest).
        Terminal terminal = Terminal.of(new BooleanSupplier() {
            @Override
            public boolean getAsBoolean() {
                return StandardOutput.isProcessStdout(standard) && proc.isTerminal(1);
            }
        }, env);
        return new Context(proc, System.in, standard, err, env, new LazyZoneClock(), terminal);
    }

    /**
     * Says {@code line} on stderr: a note beside the output, not a failure. One line for programs; when the output is
     * shown on a terminal, fitted to it as the output is (broken between words, continued indented), so that the
     * terminal does not wrap it mid-word.
     */
    void note(String line) {
        Screen screen = terminal.screen();
        for (String part : screen == null ? List.of(line) : TextWidth.wrap(line, screen.columns(), "  ")) {
            err.println(part);
        }
    }

    /** The environment variable's value, or null when it is not set. */
    String env(String name) {
        return env.get(name);
    }
}
