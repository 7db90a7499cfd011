package vmtool.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder until the touch issue lands. */
@Command(name = "touch", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = "Allocate MB megabytes off-heap and keep touching them (not yet implemented).")
public final class TouchCommand implements Callable<Integer> {
    private final Streams streams;

    TouchCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        throw new VmtoolException(ExitCode.USAGE, "not yet implemented");
    }
}
