package vmtool.cli;

/** Options that several commands share, each defined once: what to read, and the machine-readable outputs. */
final class SharedOptions {
    static final Getopt.Option FILE = Getopt.Option.withArgument('\0', "file", "FILE",
            "Read a saved copy of /proc/PID/smaps or /proc/PID/maps, or vmtool's JSON snapshot, instead of a live"
                    + " process ('-' for standard input).").completes(Completion.FILES);
    static final Getopt.Option JSON = Getopt.Option.flag('\0', "json",
            "Print JSON instead of text (docs/json.md).");
    static final Getopt.Option CSV = Getopt.Option.flag('\0', "csv",
            "Print CSV (RFC 4180) with a header row instead of text.");

    private SharedOptions() {
    }
}
