package vmtool.source;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vmtool.capture.CaptureException;
import vmtool.capture.CaptureReader;
import vmtool.model.AddressSpace;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.UserNames;

/** The processes of a capture file made by {@code vmtool ps --capture} ({@code -}: standard input). */
public final class Capture implements ProcessSource {
    private final String file;
    private final InputStream stdin;
    private InputStream in;
    private CaptureReader reader;
    private CaptureReader.Table table;

    public Capture(String file, InputStream stdin) {
        this.file = file;
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return file.equals("-") ? "standard input" : file;
    }

    @Override
    public boolean saved() {
        return true;
    }

    @Override
    public boolean readAsRoot() {
        return table != null && table.capturedByUid() == 0;
    }

    @Override
    public UserNames users() {
        return table == null ? UserNames.NONE : table.users();
    }

    @Override
    public ProcessTable table() throws SourceException {
        if (table == null) {
            try {
                in = open();
                reader = new CaptureReader(in, name());
                table = reader.readTable();
            } catch (CaptureException e) {
                close();
                throw new SourceException(e.getMessage(), e);
            } catch (IOException e) {
                close();
                throw new SourceException("cannot read " + name() + ": " + reason(e), e);
            }
        }
        return table.table();
    }

    @Override
    public List<AddressSpace> addressSpaces(List<ProcessSummary> processes, List<ProcessSummary> skipped)
            throws SourceException {
        Map<Integer, AddressSpace> found = new HashMap<>();
        eachAddressSpace(processes, space -> found.put(space.process().pid(), space), new ArrayList<>());
        List<AddressSpace> spaces = new ArrayList<>();
        for (ProcessSummary process : processes) {
            AddressSpace space = found.get(process.pid());
            if (space == null) {
                skipped.add(process);
            } else {
                spaces.add(space);
            }
        }
        return spaces;
    }

    private AddressSpace space(ProcessSummary process, List<Mapping> mappings) {
        ProcessInfo info = new ProcessInfo(process.pid(), process.pid(), process.cmdline(), process.comm(),
                process.state(), process.startStack());
        ProcessFacts facts = new ProcessFacts(process.executable().path(), List.of(), List.of());
        return AddressSpace.of(info, name(), true, mappings, facts);
    }

    /**
     * The address spaces of these processes given to {@code each} one at a time, in the capture's order, none kept:
     * a whole machine's capture read in little memory ({@code share}). Those the capture lacks go into
     * {@code skipped}.
     */
    public void eachAddressSpace(List<ProcessSummary> processes, java.util.function.Consumer<AddressSpace> each,
                                 List<ProcessSummary> skipped) throws SourceException {
        eachAddressSpace(processes, Set.of(), each, skipped);
    }

    /**
     * The same; of the processes in {@code filesOnly}, only the mappings of files and shared memory (an inode) are
     * kept, their anonymous memory dropped as it is read (share's other processes: all they could share).
     */
    public void eachAddressSpace(List<ProcessSummary> processes, Set<Integer> filesOnly,
                                 java.util.function.Consumer<AddressSpace> each, List<ProcessSummary> skipped)
            throws SourceException {
        table();
        Map<Integer, ProcessSummary> wanted = new java.util.LinkedHashMap<>();
        for (ProcessSummary process : processes) {
            wanted.put(process.pid(), process);
        }
        Set<Integer> found = new HashSet<>();
        try {
            reader.readSmaps(wanted.keySet(), new CaptureReader.SmapsConsumer() {
                @Override
                public void accept(int pid, List<Mapping> mappings) {
                    found.add(pid);
                    each.accept(space(wanted.get(pid), mappings));
                }

                @Override
                public java.util.function.Predicate<Mapping> keep(int pid) {
                    return filesOnly.contains(pid) ? FILES : null;
                }
            });
        } catch (CaptureException e) {
            throw new SourceException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException("cannot read " + name() + ": " + reason(e), e);
        } finally {
            close();
        }
        for (ProcessSummary process : processes) {
            if (!found.contains(process.pid())) {
                skipped.add(process);
            }
        }
    }

    /** The mappings of a file or of shared memory: those with an inode. */
    private static final java.util.function.Predicate<Mapping> FILES = new java.util.function.Predicate<Mapping>() {
        @Override
        public boolean test(Mapping mapping) {
            return mapping.inode() != 0;
        }
    };

    private InputStream open() throws IOException {
        if (file.equals("-")) {
            return stdin;
        }
        try {
            return new FileInputStream(new File(file));
        } catch (java.io.FileNotFoundException e) {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new IOException("it is a directory", e);
            }
            // NIO names the reason by the exception's type.
            Files.newInputStream(path).close();
            throw e;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    private void close() {
        if (in != null && in != stdin) {
            try {
                in.close();
            } catch (IOException e) {
                // Read already, or failed already: nothing to add.
            }
        }
    }
}
