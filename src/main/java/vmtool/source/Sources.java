package vmtool.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import vmtool.export.JsonSnapshot;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.Mapping;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
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
        return readSaved((Source.Saved) source).space();
    }

    private AddressSpace readLive(int pid, boolean wantFacts) throws SourceException {
        try {
            Optional<ProcessInfo> process = procFs.process(pid);
            if (process.isEmpty()) {
                throw new SourceException("no process with PID " + pid + " (it may have exited); list processes"
                        + " with 'ps -e'");
            }
            ProcessInfo info = process.get();
            return wantFacts ? procFs.explainedAddressSpace(info, procFs.facts(info))
                    : procFs.addressSpace(info, true, ProcessFacts.ofStartStack(info.startStack()));
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

    /**
     * A saved file: a copy of /proc/PID/smaps or /proc/PID/maps, or vmtool's JSON snapshot, told from its content
     * (a snapshot starts with '{', smaps and maps with a mapping line; smaps has key lines under its mappings).
     */
    public SavedFile readSaved(Source.Saved saved) throws SourceException {
        String name = saved.displayName();
        try (InputStream in = new BufferedInputStream(saved.file().equals("-") ? stdin
                : Files.newInputStream(Path.of(saved.file())), 1 << 16)) {
            return isJson(in) ? readJson(in, name) : readProcText(in, name);
        } catch (NoSuchFileException e) {
            throw new SourceException("cannot read " + name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SourceException("cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new SourceException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether the first byte that is not white space is '{'; the stream is left where it was. */
    private static boolean isJson(InputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return b == '{';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    /** Only here is the JSON reader loaded. */
    private static SavedFile readJson(InputStream in, String name) throws IOException, SourceException {
        JsonSnapshot.Snapshot snapshot;
        try {
            snapshot = JsonSnapshot.read(in, name);
        } catch (JsonSnapshot.MalformedSnapshot e) {
            throw new SourceException(e.getMessage() + " (expected vmtool's JSON snapshot, docs/json.md)", e);
        }
        checkSameKeys(snapshot.space().mappings(), name, false);
        return new SavedFile(snapshot.space(), SavedFile.Kind.JSON, snapshot.withFields(), snapshot.shmMinor());
    }

    private static SavedFile readProcText(InputStream in, String name) throws IOException, SourceException {
        List<Mapping> mappings;
        try {
            mappings = SmapsParser.parse(in, name);
        } catch (SmapsParser.MalformedProcText e) {
            throw new SourceException(e.getMessage() + " (expected a saved /proc/PID/smaps or /proc/PID/maps, or"
                    + " vmtool's JSON snapshot)", e);
        }
        if (mappings.isEmpty()) {
            throw new SourceException(name + " holds no mappings: expected a saved /proc/PID/smaps or"
                    + " /proc/PID/maps, or vmtool's JSON snapshot");
        }
        boolean smaps = mappings.get(0).fields().size() > 0;
        checkSameKeys(mappings, name, true);
        // The kernel names [stack] the mapping that holds the stack's start (the same test as pmap's), so the file
        // tells where it was: a point inside that mapping stands for stat's startstack.
        long startStack = 0;
        OptionalInt shmMinor = OptionalInt.empty();
        AddressSpace classified = AddressSpace.of(PLACEHOLDER, name, true, mappings, ProcessFacts.NONE);
        for (Region region : classified.regions()) {
            Mapping mapping = region.mapping();
            if (startStack == 0 && mapping.name().equals("[stack]")) {
                startStack = mapping.start() + (mapping.end() - mapping.start()) / 2;
            }
            if (shmMinor.isEmpty() && region.kind() == MappingKind.SYSV_SHM) {
                shmMinor = OptionalInt.of(mapping.device().minor());
            }
        }
        ProcessInfo process = new ProcessInfo(0, 0, "", "", '?', startStack);
        AddressSpace space = AddressSpace.of(process, name, true, mappings, ProcessFacts.ofStartStack(startStack));
        return new SavedFile(space, smaps ? SavedFile.Kind.SMAPS : SavedFile.Kind.MAPS, smaps, shmMinor);
    }

    private static final ProcessInfo PLACEHOLDER = new ProcessInfo(0, 0, "", "", '?', 0);

    /**
     * Every mapping must have the keys of the first (the kernel writes the same for all; pmap's table needs it).
     * {@code lines}: name the mapping by its line in the file (smaps and maps: each key and VmFlags is a line).
     */
    private static void checkSameKeys(List<Mapping> mappings, String name, boolean lines) throws SourceException {
        if (mappings.isEmpty()) {
            return;
        }
        List<String> keys = mappings.get(0).fields().names();
        int line = 1;
        for (Mapping mapping : mappings) {
            List<String> these = mapping.fields().names();
            if (these != keys && !these.equals(keys)) {
                String where = lines ? "line " + line : "the mapping at " + mapping.startText();
                throw new SourceException(name + ": " + where + ": this mapping's smaps keys (" + these.size()
                        + ") differ from the first mapping's (" + keys.size() + ": "
                        + ByteText.shown(String.join(" ", keys))
                        + "); every mapping of one file has the same keys");
            }
            line += 1 + mapping.fields().size() + (mapping.vmFlags() == null ? 0 : 1);
        }
    }
}
