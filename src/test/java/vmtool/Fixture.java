package vmtool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import vmtool.cli.CommandLineFactory;
import vmtool.cli.Context;
import vmtool.proc.ProcFs;
import vmtool.terminal.Screen;
import vmtool.terminal.Terminal;

/**
 * Runs vmtool through its real command line on the fake /proc in {@code src/test/proc} (live processes captured by
 * {@code src/test/fixture-tools/capture-proc.py}), with a given environment, standard input, clock and terminal:
 * what the golden tests compare with the files in {@code src/test/golden}.
 */
public final class Fixture {
    /** The fake /proc: {@code 32436} is {@code sleep 100001}, {@code 22508} the anatomy helper, {@code 2} kthreadd. */
    public static final Path PROC = Path.of("src/test/proc");
    /** Saved files that no /proc holds: two states of the differ helper. */
    public static final Path SAVED = Path.of("src/test/saved");
    public static final Path GOLDEN = Path.of("src/test/golden");
    /** The time every fixture run is stamped with (a JSON snapshot's {@code time}). */
    public static final Instant TIME = Instant.parse("2026-12-06T07:00:00Z");

    private final String[] args;
    private final Map<String, String> env = new LinkedHashMap<>(Map.of("HOME", "/nonexistent", "LANG", "C.UTF-8"));
    private byte[] stdin = new byte[0];
    private Screen screen;
    private Path proc = PROC;

    private Fixture(String[] args) {
        this.args = args;
    }

    /** {@code vmtool ARGS}, run on the fake /proc, its output into a pipe, with an empty stdin. */
    public static Fixture vmtool(String... args) {
        return new Fixture(args);
    }

    /** On a terminal of this size (output for people is fitted to it; no colour unless asked). */
    public Fixture onTerminal(int columns, int rows) {
        this.screen = Screen.fixed(columns, rows);
        env.put("NO_COLOR", "1");
        return this;
    }

    public Fixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Fixture stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    /** Another fake /proc (a test's own, in a temporary directory). */
    public Fixture proc(Path root) {
        this.proc = root;
        return this;
    }

    public Run run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter errWriter = CommandLineFactory.errorWriter(err);
        Map<String, String> environment = Map.copyOf(env);
        Terminal terminal = screen == null ? Terminal.none(environment) : Terminal.fixed(screen, environment);
        Context context = new Context(new ProcFs(proc), new ByteArrayInputStream(stdin), out, errWriter,
                environment, Clock.fixed(TIME, ZoneOffset.UTC), terminal);
        int status = CommandLineFactory.run(args, context);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** What a run gave: its exit status, its standard output's bytes and its standard error's text. */
    public record Run(int status, byte[] out, String err) {
        /** Standard output as text: UTF-8 (pmap's bytes, which are the kernel's, are compared as bytes). */
        public String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** A golden file's bytes. */
    public static byte[] golden(String name) throws IOException {
        return Files.readAllBytes(GOLDEN.resolve(name));
    }
}
