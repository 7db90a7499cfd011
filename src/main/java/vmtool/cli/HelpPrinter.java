package vmtool.cli;

/**
 * Answers a subcommand's --help and --version. pmap and touch parse their own arguments ({@link Getopt}); their
 * help text comes from picocli and the commands' annotations, like the man pages.
 */
interface HelpPrinter {
    /** Prints the usage help of {@code subcommand}; returns the exit status (0). */
    int help(String subcommand);

    /** Prints vmtool's version; returns the exit status (0). */
    int version(String subcommand);
}
