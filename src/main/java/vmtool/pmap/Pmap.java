package vmtool.pmap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts;
import vmtool.model.Region;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.model.ProcessInfo;

/**
 * Runs pmap over a list of PIDs: for each, reads the process once, renders it, writes it. Returns pmap's exit
 * status: 0, or 1 if a process could not be read, or-ed with 42 if a PID did not exist.
 *
 * <p>Where procps says nothing (a missing PID, an unreadable smaps), one line on stderr says what happened.
 */
public final class Pmap {

    private final ProcFs procFs;
    private final PmapConfig config;
    private final NativeFacts nativeFacts;
    private final BooleanSupplier utf8Locale = new Utf8Locale();

    public Pmap(ProcFs procFs, PmapConfig config) {
        this.procFs = procFs;
        this.config = config;
        this.nativeFacts = new NativeFacts(procFs);
    }

    public int run(List<Integer> pids, OutputStream out, PrintWriter err) throws IOException {
        int status = 0;
        Renderer renderer = Renderer.of(config);
        DetailColumns columns = DetailColumns.NONE;
        TextSink sink = new TextSink(out);
        for (int pid : pids) {
            Optional<ProcessInfo> found = find(pid, err);
            if (found.isEmpty()) {
                status |= ExitCode.PMAP_NO_SUCH_PROCESS;
                continue;
            }
            ProcessInfo process = found.get();
            sink.append(HeaderLine.format(process, utf8Locale));
            AddressSpace space;
            try {
                space = procFs.addressSpace(process, config.mode().readsSmaps(),
                        ProcessFacts.ofStartStack(process.startStack()));
            } catch (ProcException e) {
                sink.flush();
                out.flush();
                err.println("vmtool pmap: " + explain(process.tgid(), e));
                err.flush();
                status |= ExitCode.PMAP_FAILURE;
                continue;
            }
            try {
                columns = renderer.render(space, shmMinorFor(space), columns, sink);
            } catch (DetailTable.InconsistentFieldsException e) {
                sink.flush();
                out.flush();
                err.println("vmtool pmap: " + space.source() + ": " + e.getMessage());
                err.flush();
                return status | ExitCode.PMAP_FAILURE;
            }
        }
        sink.flush();
        out.flush();
        return status;
    }

    /** The System V device minor, probed only for a space that holds a segment (the probe loads native code). */
    private OptionalInt shmMinorFor(AddressSpace space) {
        for (Region region : space.regions()) {
            if (region.kind() == MappingKind.SYSV_SHM) {
                return nativeFacts.shmMinor();
            }
        }
        return OptionalInt.empty();
    }

    private Optional<ProcessInfo> find(int pid, PrintWriter err) {
        try {
            Optional<ProcessInfo> process = procFs.process(pid);
            if (process.isEmpty()) {
                err.println("vmtool pmap: no process with PID " + pid + " (it may have exited); list processes with"
                        + " 'ps -e'");
                err.flush();
            }
            return process;
        } catch (ProcException e) {
            err.println("vmtool pmap: PID " + pid + ": " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    private static String explain(int pid, ProcException e) {
        String file = e.path() == null ? "/proc/" + pid : e.path().toString();
        return switch (e.kind()) {
            case PERMISSION_DENIED -> "cannot read " + file + ": permission denied; the process belongs to another"
                    + " user (run as that user or as root)";
            case GONE -> "process " + pid + " exited before its mappings could be read";
            default -> e.getMessage();
        };
    }

    /**
     * The locale question, asked only when a header line needs the answer. A class rather than a method reference:
     * a pmap run is short, and the first lambda costs a cold JVM milliseconds of bootstrap (no lambdas on this path).
     */
    private final class Utf8Locale implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return nativeFacts.utf8Locale();
        }
    }
}
