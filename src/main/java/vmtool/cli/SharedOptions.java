package vmtool.cli;

import vmtool.ExitCode;

/**
 * Options and operands that several commands share, each defined once: what to read, and the machine-readable
 * outputs.
 */
final class SharedOptions {
    static final Getopt.Option FILE = Getopt.Option.withArgument('\0', "file", "FILE",
            "Read a saved copy of /proc/PID/smaps or /proc/PID/maps, or vmtool's JSON snapshot, instead of a live"
                    + " process ('-' for standard input).").completes(Completion.FILES);
    static final Getopt.Option JSON = Getopt.Option.flag('\0', "json",
            "Print JSON instead of text (docs/json.md).");
    static final Getopt.Option CSV = Getopt.Option.flag('\0', "csv",
            "Print CSV (RFC 4180) with a header row instead of text.");

    /** The PID of a command that reads one process, or a saved file instead. */
    static final CommandDef.Operand PID_UNLESS_FILE = new CommandDef.Operand("PID", "0..1",
            "A process id, or /proc/PID (not with --file).", Completion.PIDS);

    /** Fails when both --json and --csv are given: a command prints one format. */
    static void checkOneFormat(Getopt.Parsed parsed) {
        if (parsed.has(JSON) && parsed.has(CSV)) {
            throw VmtoolException.usage(ExitCode.USAGE, "--json and --csv exclude each other: choose one");
        }
    }

    private SharedOptions() {
    }
}
