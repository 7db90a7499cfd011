package vmtool.cli;

import java.io.IOException;
import java.util.List;

/**
 * A subcommand that reads its own arguments with {@link Getopt}, from its {@link CommandDef}: {@code -h} and
 * {@code -V} where they stand, then the first bad option as a usage error, then the command; every failure
 * reported through {@link Failure}. Their --help and --version text comes from picocli ({@link HelpPrinter}).
 */
abstract class GetoptCli {
    static final Getopt.Option HELP = Getopt.Option.flag('h', "help");
    static final Getopt.Option VERSION = Getopt.Option.flag('V', "version");

    final Context context;
    private final CommandDef definition;
    private final int usageStatus;
    private final int internalErrorStatus;
    private final HelpPrinter helpPrinter;

    GetoptCli(CommandDef definition, int usageStatus, int internalErrorStatus, Context context,
              HelpPrinter helpPrinter) {
        this.definition = definition;
        this.usageStatus = usageStatus;
        this.internalErrorStatus = internalErrorStatus;
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
            return Failure.report("vmtool " + definition.name(), e, context.err(), internalErrorStatus,
                    context.env("VMTOOL_DEBUG") != null);
        } catch (OutOfMemoryError e) {
            // The launcher keeps the heap small (scripts/vmtool); what was built is garbage now, so this can print.
            context.err().println("vmtool " + definition.name() + ": out of memory (the heap is kept small so that"
                    + " vmtool stays small); for a process with this many mappings run it with"
                    + " VMTOOL_JAVA_OPTIONS=-Xmx1g");
            context.err().flush();
            return internalErrorStatus;
        }
    }

    /** Fails on an option whose argument the command rejects as soon as it reads it, before a later -h or -V. */
    void checkWhereItStands(Getopt.Occurrence occurrence) {
    }

    /** Checks the options and operands (none is -h, -V or bad) and does the work; returns the exit status. */
    abstract int execute(Getopt.Parsed parsed) throws IOException;
}
