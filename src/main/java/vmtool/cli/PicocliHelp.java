package vmtool.cli;

/**
 * --help and --version of pmap and touch, answered by picocli from the commands' annotations. It names picocli's
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
        return new PicocliRunner(context).run(new String[] {subcommand, "--version"});
    }
}
