package vmtool.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Placeholder: replaced by the full pmap command. */
@Command(name = "pmap", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.PMAP_FAILURE,
        description = "Report the memory map of processes, as procps-ng pmap does.")
public final class PmapCommand implements Callable<Integer> {
    private final Streams streams;

    @Parameters(paramLabel = "PID", arity = "0..*")
    List<String> pids;

    PmapCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        throw new VmtoolException(ExitCode.PMAP_FAILURE, "not yet implemented");
    }
}
