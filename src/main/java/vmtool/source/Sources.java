package vmtool.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.proc.SmapsParser;

/** Reads the address space a {@link Source} names: a live process through {@link ProcFs}, or a saved file. */
public final class Sources {
    private final ProcFs procFs;
    private final InputStream stdin;

    /**
     * @param procFs the /proc to read live processes from
     * @param stdin  what {@code --file -} reads
     */
    public Sources(ProcFs procFs, InputStream stdin) {
        this.procFs = procFs;
        this.stdin = stdin;
    }

    /**
     * The address space of the source, from smaps (with every field). For a live process, {@code facts} says
     * whether to find what the classifier can use beyond the stack's address (the executable, thread stacks): an
     * anatomy wants it, a table of mappings does not.
     */
    public AddressSpace read(Source source, boolean facts) throws SourceException {
        if (source instanceof Source.Live live) {
            return readLive(live.pid(), facts);
        }
        return readSaved((Source.Saved) source);
    }

    private AddressSpace readLive(int pid, boolean wantFacts) throws SourceException {
        try {
            Optional<ProcessInfo> process = procFs.process(pid);
            if (process.isEmpty()) {
                throw new SourceException("no process with PID " + pid + " (it may have exited); list processes"
                        + " with 'ps -e'");
            }
            ProcessInfo info = process.get();
            ProcessFacts facts = wantFacts ? procFs.facts(info) : ProcessFacts.ofStartStack(info.startStack());
            return procFs.addressSpace(info, true, facts);
        } catch (ProcException e) {
            throw new SourceException(explain(pid, e), e);
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

    /** A saved smaps or maps file (which of the two is told from its content). */
    private AddressSpace readSaved(Source.Saved saved) throws SourceException {
        String name = saved.displayName();
        List<Mapping> mappings;
        try (InputStream in = saved.file().equals("-") ? stdin : Files.newInputStream(Path.of(saved.file()))) {
            mappings = SmapsParser.parse(in, name);
        } catch (NoSuchFileException e) {
            throw new SourceException("cannot read " + name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SourceException("cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new SourceException("cannot read " + name + ": " + e.getMessage(), e);
        } catch (SmapsParser.MalformedProcText e) {
            throw new SourceException(e.getMessage() + " (expected a saved /proc/PID/smaps or /proc/PID/maps)", e);
        }
        if (mappings.isEmpty()) {
            throw new SourceException(name + " holds no mappings: expected a saved /proc/PID/smaps or"
                    + " /proc/PID/maps");
        }
        ProcessInfo placeholder = new ProcessInfo(0, 0, "", "", 'S', 0);
        return AddressSpace.of(placeholder, name, true, mappings, ProcessFacts.NONE);
    }
}
