package vmtool.cli;

import java.io.IOException;
import java.util.List;

import vmtool.ExitCode;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.Sources;
import vmtool.terminal.Screen;
import vmtool.watch.Watch;

/** {@code vmtool watch PID}: a live view of a process's anatomy (docs/watch-diff.md). */
final class WatchCli extends GetoptCli {
    static final String NAME = "vmtool watch";
    private static final String DEFAULT_INTERVAL = "1";

    static final Getopt.Option INTERVAL = Getopt.Option.withArgument('n', "interval", "S",
            "Refresh every S seconds (decimals allowed, at least 0.1; default: " + DEFAULT_INTERVAL + ").");
    static final Getopt.Option COUNT = Getopt.Option.withArgument('c', "count", "N",
            "Stop after N refreshes (the first included), with status 0.");

    static final CommandDef DEFINITION = new CommandDef("watch",
            List.of("Watch a process's address space live: for each kind of region, its mappings, Size and Rss in"
                            + " kB, and their change since the watch began and since the last refresh; then the"
                            + " mappings that appeared or vanished since the last refresh.",
                    "On a terminal one screen is redrawn in place (colour unless NO_COLOR is set); otherwise one"
                            + " plain block per refresh, its first line the time. It ends when the process exits (a"
                            + " line says so), after --count refreshes, or on Ctrl-C."),
            List.of(INTERVAL, COUNT, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "1", "A process id, or /proc/PID.", Completion.PIDS)),
            List.of("  vmtool watch 1234                  redraw process 1234's anatomy every second",
                    "  vmtool watch --interval 0.5 1234   every half second",
                    "  vmtool watch --count 3 1234 > log  three plain blocks, one a second"));

    WatchCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String interval = parsed.last(INTERVAL, DEFAULT_INTERVAL);
        String count = parsed.last(COUNT, null);
        if (parsed.operands().size() != 1) {
            throw AnatomyCli.usage(parsed.operands().isEmpty()
                    ? "a PID is missing: give a process id, e.g. 'vmtool watch 1234'"
                    : "one PID, not " + parsed.operands().size() + " ('" + String.join("', '", parsed.operands())
                            + "')");
        }
        Source.Live process;
        try {
            process = Source.process(parsed.operands().get(0));
        } catch (IllegalArgumentException e) {
            throw AnatomyCli.usage(e.getMessage());
        }
        // Redrawn in place only where escape sequences work (not TERM=dumb); fitted to the screen there.
        Screen screen = context.terminal().drawable() ? context.terminal().screen() : null;
        Watch.Options options = new Watch.Options(process.pid(), intervalMillis(interval), count(count), screen,
                context.terminal().colourWanted(), context.clock());
        ProcFs procFs = context.proc();
        try {
            return new Watch(options, procFs, new Sources(procFs, context.in()), context.out()).run();
        } catch (Watch.NotReadable e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        }
    }

    static long intervalMillis(String text) {
        double seconds;
        try {
            seconds = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        // NaN fails every comparison, so it is refused with the rest.
        if (!(seconds >= 0.1 && seconds <= 86_400) || text.isEmpty() || !Character.isDigit(text.charAt(0))
                && text.charAt(0) != '.') {
            throw AnatomyCli.usage("--interval S must be a number of seconds from 0.1 to 86400, not '" + text + "'");
        }
        return Math.round(seconds * 1000);
    }

    static int count(String text) {
        if (text == null) {
            return 0;
        }
        boolean digits = !text.isEmpty() && text.length() <= 9;
        for (int i = 0; i < text.length() && digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        int value = digits ? Integer.parseInt(text) : 0;
        if (value < 1) {
            throw AnatomyCli.usage("--count N must be a whole number of refreshes from 1 to 999999999, not '" + text
                    + "'");
        }
        return value;
    }
}
