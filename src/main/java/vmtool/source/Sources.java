package vmtool.source;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
    private final PrintWriter err;
    private final String command;

    /**
     * @param procFs  the /proc to read live processes from
     * @param stdin   what {@code --file -} reads
     * @param err     where a read that succeeded but may be incomplete (the process exited) is said, by
     *                {@code command} ("vmtool anatomy"); null to say nothing
     */
    public Sources(ProcFs procFs, InputStream stdin, PrintWriter err, String command) {
        this.procFs = procFs;
        this.stdin = stdin;
        this.err = err;
        this.command = command;
    }

    /** Sources that say nothing of a process that exited as it was read: for saved files, or a reader that tells. */
    public Sources(ProcFs procFs, InputStream stdin) {
        this(procFs, stdin, null, null);
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
        return readWithMappings((Source.Saved) source).space();
    }

    /**
     * A saved file that has mappings to show: an empty one (a kernel thread's smaps) is refused with its line,
     * as the commands that explain an address space need one; pmap reads it with {@link #readSaved}.
     */
    public SavedFile readWithMappings(Source.Saved source) throws SourceException {
        SavedFile saved = readSaved(source);
        if (saved.empty()) {
            throw new SourceException(saved.emptyLine());
        }
        return saved;
    }

    private AddressSpace readLive(int pid, boolean wantFacts) throws SourceException {
        try {
            Optional<ProcessInfo> process = procFs.process(pid);
            if (process.isEmpty()) {
                throw new SourceException("no process with PID " + pid + " (it may have exited); list processes"
                        + " with 'ps -e'");
            }
            ProcessInfo info = process.get();
            if (info.kernelThread()) {
                throw new SourceException(info.kernelThreadLine());
            }
            AddressSpace space = wantFacts ? procFs.explainedAddressSpace(info, procFs.facts(info))
                    : procFs.addressSpace(info, true, ProcessFacts.NONE);
            Optional<String> exited = procFs.exitedNote(info.tgid());
            if (exited.isPresent() && err != null) {
                err.println(command + ": " + exited.get());
            }
            return space;
        } catch (ProcException e) {
            throw new SourceException(e.explain(pid), e);
        }
    }

    /**
     * A saved file: a copy of /proc/PID/smaps or /proc/PID/maps, or vmtool's JSON snapshot, told from its content
     * (a snapshot starts with '{', smaps and maps with a mapping line; smaps has key lines under its mappings).
     * Read as a stream, once, from its start: a FIFO, a pipe ({@code /dev/stdin}, a shell's {@code <(...)}) reads as
     * a file does. At most {@link #MAX_BYTES} are read.
     */
    public SavedFile readSaved(Source.Saved saved) throws SourceException {
        String name = saved.displayName();
        try (InputStream in = new BufferedInputStream(new BoundedInput(open(saved), MAX_BYTES), 1 << 16)) {
            if (isEmpty(in)) {
                // A kernel thread's smaps and maps are empty: it is shown as the kernel thread is.
                return new SavedFile(AddressSpace.of(PLACEHOLDER, name, true, List.of(), ProcessFacts.NONE),
                        SavedFile.Kind.SMAPS, OptionalInt.empty(), null);
            }
            return isJson(in) ? readJson(in, name) : readProcText(crlfToLf(in), name);
        } catch (BoundedInput.TooLarge e) {
            throw tooLarge(name, e);
        } catch (NoSuchFileException e) {
            throw new SourceException("cannot read " + name + ": no such file" + unreadableName(saved.file()), e);
        } catch (AccessDeniedException e) {
            throw new SourceException("cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new SourceException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The most a saved file may hold: a process at Linux's default limit of 65,530 mappings saves well under it. */
    public static final long MAX_BYTES = 256L << 20;

    private static SourceException tooLarge(String name, BoundedInput.TooLarge e) {
        return new SourceException(name + " is larger than " + (MAX_BYTES >> 20) + " MiB, the most vmtool reads from"
                + " a saved file (a saved smaps of 65,530 mappings is about 60 MiB); is it a saved smaps, maps or"
                + " snapshot?", e);
    }

    /**
     * The stream: java.io's, which reads a pipe or FIFO as it comes (on JDK 17, NIO's asks a pipe for its position:
     * "Illegal seek"). A regular file larger than the limit is refused before any of it is read.
     */
    private InputStream open(Source.Saved saved) throws IOException, SourceException {
        if (saved.file().equals("-")) {
            // Only the process's own standard input can have been closed when it started (a test's stream cannot).
            if (stdin == System.in && procFs.standardInputClosedAtStart()) {
                throw new SourceException("cannot read standard input: it is closed; give the file's name, or"
                        + " redirect the file in (--file - < FILE)");
            }
            return stdin;
        }
        File file = new File(saved.file());
        if (file.isFile() && file.length() > MAX_BYTES) {
            throw tooLarge(saved.displayName(), null);
        }
        try {
            return new FileInputStream(file);
        } catch (FileNotFoundException e) {
            // java.io names no reason; NIO's open does, as its exception's type (a directory opens, to fail on read).
            Path path = Path.of(saved.file());
            if (Files.isDirectory(path)) {
                throw new IOException("it is a directory", e);
            }
            Files.newInputStream(path).close();
            throw e;
        }
    }

    /**
     * Why a name given as an argument may be missing though a file has it: Java reads arguments in the locale's
     * encoding, and bytes that are not valid in it come through as U+FFFD, a name no file has.
     */
    private static String unreadableName(String file) {
        return file.indexOf('\uFFFD') < 0 ? "" : " (its name has bytes that are not valid "
                + System.getProperty("sun.jnu.encoding") + ", which vmtool cannot pass on: give the file on standard"
                + " input instead, --file - < FILE)";
    }

    /**
     * A file saved with CRLF line ends (its first line ends so) is read as the same text with LF ends, so that it
     * parses exactly as the file it was made from; any other file is read as it is.
     */
    private static InputStream crlfToLf(InputStream in) throws IOException {
        in.mark(CRLF_PEEK);
        boolean crlf = false;
        int previous = -1;
        for (int i = 0; i < CRLF_PEEK; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                crlf = b == '\n' && previous == '\r';
                break;
            }
            previous = b;
        }
        in.reset();
        return crlf ? new CrlfToLf(in) : in;
    }

    /** Past the longest line the parser takes, so that a long first line is still told. */
    private static final int CRLF_PEEK = SmapsParser.MAX_LINE_BYTES + 2;

    /** Whether the stream holds nothing at all (not even a newline); it is left where it was. */
    private static boolean isEmpty(InputStream in) throws IOException {
        in.mark(1);
        try {
            return in.read() < 0;
        } finally {
            in.reset();
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
        checkMappings(snapshot.space().mappings(), name, false);
        return new SavedFile(snapshot.space(), SavedFile.Kind.JSON, snapshot.shmMinor(), snapshot.pages());
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
        checkMappings(mappings, name, true);
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
        AddressSpace space = AddressSpace.of(process, name, true, mappings, ProcessFacts.NONE);
        return new SavedFile(space, space.hasFields() ? SavedFile.Kind.SMAPS : SavedFile.Kind.MAPS, shmMinor, null);
    }

    private static final ProcessInfo PLACEHOLDER = new ProcessInfo(0, 0, "", "", '?', 0);

    /**
     * Every mapping must have the keys of the first (the kernel writes the same for all; pmap's table needs it), and
     * come in address order without overlap ({@link Mapping#orderProblem}). {@code lines}: name the mapping by its
     * line in the file (smaps and maps: each key and VmFlags is a line); a snapshot's reader checked the order itself.
     */
    private static void checkMappings(List<Mapping> mappings, String name, boolean lines) throws SourceException {
        if (mappings.isEmpty()) {
            return;
        }
        List<String> keys = mappings.get(0).fields().names();
        int line = 1;
        Mapping previous = null;
        for (Mapping mapping : mappings) {
            List<String> these = mapping.fields().names();
            if (these != keys && !these.equals(keys)) {
                throw new SourceException(name + ": " + where(lines, line, mapping) + ": this mapping's smaps keys ("
                        + these.size() + ") differ from the first mapping's (" + keys.size() + ": "
                        + ByteText.shown(String.join(" ", keys)) + "); every mapping of one file has the same keys");
            }
            String problem = lines ? Mapping.orderProblem(previous, mapping) : null;
            if (problem != null) {
                throw new SourceException(name + ": " + where(lines, line, mapping) + ": " + problem);
            }
            previous = mapping;
            line += 1 + mapping.fields().size() + (mapping.vmFlags() == null ? 0 : 1);
        }
    }

    private static String where(boolean lines, int line, Mapping mapping) {
        return lines ? "line " + line : "the mapping at " + mapping.startText();
    }
}
