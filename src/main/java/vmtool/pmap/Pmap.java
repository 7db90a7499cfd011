package vmtool.pmap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import vmtool.ExitCode;
import vmtool.export.CsvTable;
import vmtool.export.JsonSnapshot;
import vmtool.model.AddressSpace;
import vmtool.model.Classifier;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.pages.PageReport;
import vmtool.pages.Pages;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.source.SavedFile;

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
    private final Clock clock;
    private final BooleanSupplier utf8Locale = new Utf8Locale();

    /**
     * @param environment the locale variables, read when libc cannot be asked for the locale's character set
     * @param clock       the time a JSON snapshot is stamped with
     */
    public Pmap(ProcFs procFs, PmapConfig config, Map<String, String> environment, Clock clock) {
        this.procFs = procFs;
        this.config = config;
        this.nativeFacts = new NativeFacts(procFs, environment);
        this.clock = clock;
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
                        ProcessFacts.NONE);
            } catch (ProcException e) {
                sink.flush();
                out.flush();
                err.println("vmtool pmap: " + e.explain(process.tgid()));
                err.flush();
                status |= ExitCode.PMAP_FAILURE;
                continue;
            }
            Optional<String> exited = procFs.exitedNote(process.tgid());
            try {
                columns = renderer.render(space, shmMinorFor(space), columns, sink);
            } catch (DetailTable.InconsistentFieldsException e) {
                sink.flush();
                out.flush();
                err.println("vmtool pmap: " + space.source() + ": " + e.getMessage());
                err.flush();
                return status | ExitCode.PMAP_FAILURE;
            }
            if (exited.isPresent()) {
                // After the process's own output, in its place among several; procps's status (0) is kept.
                sink.flush();
                out.flush();
                err.println("vmtool pmap: " + exited.get());
                err.flush();
            }
        }
        sink.flush();
        out.flush();
        return status;
    }

    /**
     * pmap over a saved file: the header line names the file (a JSON snapshot: its process, as pmap named it), then
     * the mode's output, as pmap printed it from the process. A mode that needs smaps fields is refused for a
     * saved maps file.
     */
    public int runSaved(SavedFile saved, OutputStream out, PrintWriter err) throws IOException {
        AddressSpace space = saved.space();
        // An empty file is a kernel thread's smaps: it lacks no field, having no mapping.
        boolean smaps = saved.empty() || space.hasFields();
        if (config.mode().readsSmaps() && !smaps) {
            err.println("vmtool pmap: " + space.source() + " is " + saved.kind().description() + ", which has no"
                    + " Rss, Dirty or other smaps fields: -x, -X, -XX, -c and -C need a saved /proc/PID/smaps or"
                    + " vmtool's JSON (vmtool pmap --json PID)");
            err.flush();
            return ExitCode.PMAP_FAILURE;
        }
        TextSink sink = new TextSink(out);
        if (saved.kind() == SavedFile.Kind.JSON && space.process().pid() != 0) {
            sink.append(HeaderLine.format(space.process(), utf8Locale));
        } else {
            // A saved smaps or maps, or a snapshot made from one (pid 0): no process to name, so the file.
            sink.append(HeaderLine.forSavedFile(space.source(), smaps));
        }
        try {
            Renderer.of(config).render(space, saved.shmMinor(), DetailColumns.NONE, sink);
            sink.flush();
        } catch (DetailTable.InconsistentFieldsException e) {
            sink.flush();
            out.flush();
            err.println("vmtool pmap: " + space.source() + ": " + e.getMessage());
            err.flush();
            return ExitCode.PMAP_FAILURE;
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * {@code --json} or {@code --csv} of one live process: every mapping with every smaps field. Statuses as for
     * {@link #run}: 42 when there is no such process, 1 when its smaps cannot be read.
     */
    /** @param pages with JSON, also each mapping's page states, read from pagemap ({@code --pages}) */
    public int export(int pid, boolean json, boolean pages, OutputStream out, PrintWriter err) throws IOException {
        Optional<ProcessInfo> found = find(pid, err);
        if (found.isEmpty()) {
            return ExitCode.PMAP_NO_SUCH_PROCESS;
        }
        ProcessInfo process = found.get();
        if (process.kernelThread()) {
            // Its smaps is empty: an export of it would be an empty table that says nothing of why.
            err.println("vmtool pmap: " + process.kernelThreadLine());
            err.flush();
            return ExitCode.PMAP_FAILURE;
        }
        AddressSpace space;
        try {
            space = procFs.explainedAddressSpace(process, procFs.facts(process));
        } catch (ProcException e) {
            err.println("vmtool pmap: " + e.explain(process.tgid()));
            err.flush();
            return ExitCode.PMAP_FAILURE;
        }
        PageReport report = null;
        if (pages) {
            try {
                report = Pages.ofRegions(procFs, process, space.regions(), true);
            } catch (Pages.Failure e) {
                err.println("vmtool pmap: " + e.getMessage());
                err.flush();
                return ExitCode.PMAP_FAILURE;
            }
        }
        Optional<String> exited = procFs.exitedNote(process.tgid());
        if (exited.isPresent()) {
            err.println("vmtool pmap: " + exited.get());
            err.flush();
        }
        // The export names each mapping's kind: a stack no stack pointer placed is named anonymous, and said here.
        String stacks = space.unplacedStacks().note();
        if (stacks != null) {
            err.println("vmtool pmap: note: " + stacks);
            err.flush();
        }
        return export(space, shmMinorFor(space), report, json, out);
    }

    /** {@code --json} or {@code --csv} of a saved file (a saved smaps or maps made into a snapshot, say). */
    public int exportSaved(SavedFile saved, boolean json, OutputStream out) throws IOException {
        PageReport pages = saved.pages() == null ? null
                : saved.pages().report(saved.space().process().pid(), saved.space().regions());
        return export(saved.space(), saved.shmMinor(), pages, json, out);
    }

    /** Only here are the exporters (and Gson, for JSON) loaded. */
    private int export(AddressSpace space, OptionalInt shmMinor, PageReport pages, boolean json, OutputStream out)
            throws IOException {
        if (json) {
            JsonSnapshot.write(space, shmMinor, Instant.now(clock), pages, out);
        } else {
            CsvTable.write(space, out);
        }
        return ExitCode.OK;
    }

    /** The System V device minor, probed only for a space that holds a segment (the probe loads native code). */
    private OptionalInt shmMinorFor(AddressSpace space) {
        for (Mapping mapping : space.mappings()) {
            if (Classifier.isSysvSegment(mapping)) {
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
