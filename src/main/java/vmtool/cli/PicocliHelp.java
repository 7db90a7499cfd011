package vmtool.cli;

/**
 * --help of the commands that read their own arguments, answered by picocli from the commands' annotations; their
 * --version, as the root's, by {@link Version}. It names picocli's
 * types nowhere, so that creating it for a run that never asks for help loads none of them (not even to verify a
 * class that mentions them: see {@link PicocliRunner}).
 */
final class PicocliHelp implements HelpPrinter {
    private final Context context;

    PicocliHelp(Context context) {
        this.context = context;
    }

    @Override
    public int help(String subcommand) {
        return new PicocliRunner(context).run(new String[] {subcommand, "--help"});
    }

    @Override
    public int version(String subcommand) {
        return Version.print(context, subcommand);
    }
}
