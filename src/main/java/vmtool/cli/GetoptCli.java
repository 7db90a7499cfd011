package vmtool.cli;

import java.io.IOException;
import java.util.List;

/**
 * A subcommand that reads its own arguments with {@link Getopt}, from its {@link CommandDef}: {@code -h} and
 * {@code -V} where they stand, then the first bad option as a usage error, then the command; every failure
 * reported through {@link Failure}. Their --help text comes from picocli, their --version line from {@link Version}
 * ({@link HelpPrinter}).
 */
abstract class GetoptCli {
    static final Getopt.Option HELP = Getopt.Option.flag('h', "help");
    static final Getopt.Option VERSION = Getopt.Option.flag('V', "version");

    final Context context;
    private final CommandDef definition;
    private final int usageStatus;
    private final int failureStatus;
    private final HelpPrinter helpPrinter;

    /**
     * @param usageStatus   the status of a usage error
     * @param failureStatus the status of a failure to do the work (input that cannot be read, memory that cannot be
     *                      had, out of memory); a write failure's and an internal error's are ExitCode's for the name
     */
    GetoptCli(CommandDef definition, int usageStatus, int failureStatus, Context context,
              HelpPrinter helpPrinter) {
        this.definition = definition;
        this.usageStatus = usageStatus;
        this.failureStatus = failureStatus;
        this.context = context;
        this.helpPrinter = helpPrinter;
    }

    /** Runs the subcommand with these arguments and returns its exit status. */
    final int run(List<String> args, boolean posixlyCorrect) {
        try {
            Getopt.Parsed parsed = new Getopt(definition.options()).parse(args, posixlyCorrect);
            for (Getopt.Occurrence occurrence : parsed.options()) {
                if (occurrence.option() == HELP) {
                    return helpPrinter.help(definition.name());
                }
                if (occurrence.option() == VERSION) {
                    return helpPrinter.version(definition.name());
                }
                checkWhereItStands(occurrence);
            }
            if (parsed.error() != null) {
                throw VmtoolException.usage(usageStatus, parsed.error());
            }
            return execute(parsed);
        } catch (IOException | RuntimeException e) {
            return Failure.report("vmtool " + definition.name(), e, context.err(),
                    Failure.Statuses.of(definition.name(), failureStatus),
                    context.env("VMTOOL_DEBUG") != null);
        } catch (OutOfMemoryError e) {
            // The launcher keeps the heap small (scripts/vmtool); what was built is garbage now, so this can print.
            context.err().println(HeapAdvice.general("vmtool " + definition.name()));
            context.err().flush();
            return failureStatus;
        }
    }

    /** Fails on an option whose argument the command rejects as soon as it reads it, before a later -h or -V. */
    void checkWhereItStands(Getopt.Occurrence occurrence) {
    }

    /** Checks the options and operands (none is -h, -V or bad) and does the work; returns the exit status. */
    abstract int execute(Getopt.Parsed parsed) throws IOException;
}
