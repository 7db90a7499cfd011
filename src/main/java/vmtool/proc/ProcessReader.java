package vmtool.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;

/**
 * Reads what {@code vmtool ps} shows of every process, cheaply and without trusting the process: per process its
 * stat, status, cmdline (bounded), the text of its exe link (never opened or followed), one read of smaps_rollup
 * and a count of the lines of maps. Kernel threads and zombies have no memory, so their memory is not read.
 *
 * <p>A process may exit at any moment: one that does while it is read is skipped and counted. One whose memory the
 * kernel will not show this user is kept, and marked {@link MemoryState#DENIED}.
 */
public final class ProcessReader {
    /** stat is one line of about 300 bytes; its name at most 64. */
    private static final int MAX_STAT_BYTES = 4096;
    /** status is ~1.5 kB; a process in very many groups has a longer Groups line, after the Uid line. */
    private static final int MAX_STATUS_BYTES = 1 << 16;
    /** smaps_rollup is ~25 lines of ~30 bytes. */
    private static final int MAX_ROLLUP_BYTES = 1 << 16;

    private final ProcFs procFs;
    /** Reused for counting the lines of maps: the text itself is not kept. */
    private final byte[] buffer = new byte[1 << 16];

    ProcessReader(ProcFs procFs) {
        this.procFs = procFs;
    }

    /**
     * Every process /proc lists, read now.
     *
     * @throws ProcException when /proc cannot be listed, or a file is not what the kernel writes
     */
    public ProcessTable table() throws ProcException {
        return table(null);
    }

    /**
     * Every process /proc lists, read now; the memory only of those that {@code wanted} takes (null: all), when it
     * is given what is known of them before (ids, names, executable). The others are {@link MemoryState#SKIPPED}:
     * their smaps_rollup, which costs the kernel a walk of their page tables, is not read.
     */
    public ProcessTable table(java.util.function.Predicate<ProcessSummary> wanted) throws ProcException {
        int[] pids = procFs.processIds();
        List<ProcessSummary> processes = new ArrayList<>(pids.length);
        int exited = 0;
        for (int pid : pids) {
            ProcessTexts texts = identity(pid);
            ProcessSummary summary = texts == null ? null : texts.summary(origin(pid));
            if (summary != null && summary.memory() == MemoryState.SKIPPED
                    && (wanted == null || wanted.test(summary))) {
                texts = withMemory(texts);
                summary = texts == null ? null : texts.summary(origin(pid));
            }
            if (summary == null) {
                exited++;
            } else {
                processes.add(summary);
            }
        }
        return new ProcessTable(processes, exited);
    }

    /** Where a process's files are, for messages. */
    public ProcessTexts.Origin origin(int pid) {
        return new ProcessTexts.Origin() {
            @Override
            public String name(ProcessTexts.Part part) {
                return procFs.processFile(pid, part.file()).toString();
            }

            @Override
            public int firstLine(ProcessTexts.Part part) {
                return 1;
            }
        };
    }

    /**
     * The small files of process {@code pid}, or null when it exited (or was never there) before they were all read.
     *
     * @throws ProcException (MALFORMED, IO) when a file is not what the kernel writes, or fails to read for a
     *                       reason other than the process's end
     */
    public ProcessTexts texts(int pid) throws ProcException {
        ProcessTexts texts = identity(pid);
        return texts == null ? null : withMemory(texts);
    }

    /**
     * Who process {@code pid} is: its stat, status and exe link, with its command line and memory not read yet
     * ({@link MemoryState#SKIPPED}), or known to be absent (a kernel thread, a zombie) or hidden; null when it
     * exited before they were read.
     */
    private ProcessTexts identity(int pid) throws ProcException {
        try {
            byte[] stat = readAllowed(pid, "stat", MAX_STAT_BYTES);
            if (stat.length == 0) {
                // Mounted with hidepid: the process is listed, but nothing of it may be read.
                return new ProcessTexts(pid, null, null, new byte[0], Executable.DENIED, MemoryState.DENIED, null,
                        -1);
            }
            StatLine statLine = StatLine.parse(stat, procFs.processFile(pid, "stat"));
            byte[] status = ProcFs.read(procFs.processFile(pid, "status"), MAX_STATUS_BYTES);
            boolean noMemory = statLine.kernelThread() || statLine.exited();
            Executable executable = noMemory ? Executable.NONE : executable(pid);
            return new ProcessTexts(pid, stat, status, new byte[0], executable, noMemory ? MemoryState.NO_MEMORY
                    : MemoryState.SKIPPED, null, -1);
        } catch (ProcException e) {
            // A process that exits while it is read fails in more ways than GONE (ESRCH from smaps_rollup, an I/O
            // error): whatever failed, one that is gone now is counted as exited, not an error.
            if (e.kind() == ProcException.Kind.GONE
                    || e.kind() != ProcException.Kind.PERMISSION_DENIED && hasExited(pid)) {
                return null;
            }
            throw e;
        }
    }

    /** The texts with the memory read (one smaps_rollup, the lines of maps) if not yet; null when it exited. */
    private ProcessTexts withMemory(ProcessTexts texts) throws ProcException {
        if (texts.memory() != MemoryState.SKIPPED) {
            return texts;
        }
        int pid = texts.pid();
        try {
            byte[] cmdline = readAllowed(pid, "cmdline", ProcessSummary.MAX_CMDLINE_BYTES);
            byte[] rollup;
            try {
                rollup = ProcFs.read(procFs.processFile(pid, "smaps_rollup"), MAX_ROLLUP_BYTES);
            } catch (ProcException e) {
                if (e.kind() != ProcException.Kind.PERMISSION_DENIED) {
                    throw e;
                }
                return texts.with(cmdline, MemoryState.DENIED, null, -1);
            }
            if (rollup.length == 0) {
                // The kernel writes nothing for a process that has just lost its memory: it is exiting.
                return null;
            }
            int mappings = countLines(procFs.processFile(pid, "maps"));
            return texts.with(cmdline, MemoryState.READ, rollup, mappings);
        } catch (ProcException e) {
            // A process that exits while it is read fails in more ways than GONE (ESRCH from smaps_rollup, an I/O
            // error): whatever failed, one that is gone now is counted as exited, not an error.
            if (e.kind() == ProcException.Kind.GONE
                    || e.kind() != ProcException.Kind.PERMISSION_DENIED && hasExited(pid)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * /proc/PID/smaps, opened to be copied as it is (a capture). A read may still fail part-way, or end early
     * without an error, when the process exits meanwhile: {@link #hasExited} then says so.
     *
     * @throws ProcException GONE or PERMISSION_DENIED when it cannot be opened
     */
    public InputStream openSmaps(int pid) throws ProcException {
        Path path = procFs.processFile(pid, "smaps");
        try {
            return ProcFs.openFile(path);
        } catch (IOException e) {
            throw ProcFs.classify(path, e);
        }
    }

    /** The kernel's release (/proc/sys/kernel/osrelease, without its newline), or empty when unreadable. */
    public String kernelRelease() {
        try {
            return new String(ProcFs.read(procFs.file("sys/kernel/osrelease"), 256),
                    java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        } catch (ProcException e) {
            return "";
        }
    }

    /** A file that /proc may hide (under hidepid): empty when the kernel refuses it. */
    private byte[] readAllowed(int pid, String file, int limit) throws ProcException {
        try {
            return ProcFs.read(procFs.processFile(pid, file), limit);
        } catch (ProcException e) {
            if (e.kind() == ProcException.Kind.PERMISSION_DENIED) {
                return new byte[0];
            }
            throw e;
        }
    }

    /**
     * The exe link's text, read with readlink: the file it names is never opened, followed or looked at (not
     * even by stat: on a FUSE mount of the target's, that could hang). Its bytes exactly ({@link LinkText}).
     */
    private Executable executable(int pid) throws ProcException {
        Path exe = procFs.processFile(pid, "exe");
        try {
            return Executable.ofLinkText(LinkText.read(exe));
        } catch (AccessDeniedException e) {
            return Executable.DENIED;
        } catch (NoSuchFileException e) {
            // A process that has just exited, or one whose executable the kernel no longer knows.
            return Executable.NONE;
        } catch (IOException e) {
            throw ProcFs.classify(exe, e);
        }
    }

    /** The number of lines of a file, read through the reused buffer. */
    private int countLines(Path path) throws ProcException {
        int lines = 0;
        try (InputStream in = ProcFs.openFile(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw ProcFs.classify(path, e);
        }
    }

    /**
     * Whether the process has gone, become a zombie or started to exit: a read that failed part-way (ESRCH) then
     * means that it exited while it was read.
     */
    public boolean hasExited(int pid) {
        Path stat = procFs.processFile(pid, "stat");
        try {
            return StatLine.parse(ProcFs.read(stat, MAX_STAT_BYTES), stat).exiting();
        } catch (ProcException e) {
            return e.kind() == ProcException.Kind.GONE;
        }
    }
}
