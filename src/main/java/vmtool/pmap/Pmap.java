package vmtool.pmap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import vmtool.model.Mapping;
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
    /** pmap's exit status bits. */
    public static final int UNREADABLE = 1;
    public static final int MISSING = 42;

    private static final int WRITE_PIECE = 1 << 16;

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
        DetailColumns columns = DetailColumns.NONE;
        for (int pid : pids) {
            Optional<ProcessInfo> found = find(pid, err);
            if (found.isEmpty()) {
                status |= MISSING;
                continue;
            }
            ProcessInfo process = found.get();
            write(out, HeaderLine.format(process, utf8Locale));
            List<Mapping> mappings;
            try {
                mappings = procFs.mappings(process.tgid(), config.mode().readsSmaps());
            } catch (ProcException e) {
                out.flush();
                err.println("vmtool pmap: " + explain(process.tgid(), e));
                err.flush();
                status |= UNREADABLE;
                continue;
            }
            ProcessMaps maps = new ProcessMaps(process, mappings);
            if (config.mode().isDetail()) {
                DetailRenderer.Result result;
                try {
                    result = DetailRenderer.render(maps, config, columns);
                } catch (DetailRenderer.InconsistentFieldsException e) {
                    out.flush();
                    err.println("vmtool pmap: /proc/" + process.tgid() + "/smaps: " + e.getMessage());
                    err.flush();
                    return status | UNREADABLE;
                }
                columns = result.columns();
                write(out, result.text());
            } else {
                write(out, renderMaps(maps));
            }
        }
        out.flush();
        return status;
    }

    private String renderMaps(ProcessMaps maps) {
        OptionalInt shmMinor = OptionalInt.empty();
        for (Mapping mapping : maps.mappings()) {
            if (MappingName.mayBeSysvShm(mapping)) {
                shmMinor = nativeFacts.shmMinor();
                break;
            }
        }
        return switch (config.mode()) {
            case EXTENDED -> ExtendedRenderer.render(maps, config, shmMinor);
            case DEVICE -> DeviceRenderer.render(maps, config, shmMinor);
            default -> DefaultRenderer.render(maps, config, shmMinor);
        };
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

    /** Writes byte text (one char per byte) in pieces, without a second copy of a large output. */
    private static void write(OutputStream out, String byteText) throws IOException {
        int length = byteText.length();
        if (length <= WRITE_PIECE) {
            out.write(byteText.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        byte[] piece = new byte[WRITE_PIECE];
        for (int from = 0; from < length; from += WRITE_PIECE) {
            int to = Math.min(length, from + WRITE_PIECE);
            byteText.getBytes(from, to, piece, 0); // deprecated, but exactly "one char per byte" and no copy
            out.write(piece, 0, to - from);
        }
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
