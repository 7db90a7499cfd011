package vmtool.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.proc.ProcessReader;
import vmtool.proc.ProcessTexts;
import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.UserNames;

/**
 * Writes a capture of every process (docs/ps.md, "The capture file"): the files ps reads, then each readable
 * process's smaps, copied as the kernel writes it, a piece at a time (a process's smaps is never held whole).
 */
public final class CaptureWriter {
    private final ProcFs procFs;
    private final UserNames users;
    private final Clock clock;
    private Summary summary;

    /** What was captured. */
    public record Summary(int processes, int denied, int exited) {
    }

    /**
     * @param procFs the /proc to capture
     * @param users  the names of users on this machine, saved for the uids the processes have
     * @param clock  the time the capture is stamped with
     */
    public CaptureWriter(ProcFs procFs, UserNames users, Clock clock) {
        this.procFs = procFs;
        this.users = users;
        this.clock = clock;
    }

    /** What the last {@link #writeTo} captured. */
    public Summary summary() {
        return summary;
    }

    /** Writes the capture into {@code stream}, and closes it. */
    public void writeTo(OutputStream stream) throws IOException {
        ProcessReader reader = procFs.processReader();
        try (OutputStream out = new BufferedOutputStream(stream, 1 << 16)) {
            line(out, CaptureFormat.MAGIC + " " + CaptureFormat.VERSION);
            line(out, "kernel " + reader.kernelRelease());
            line(out, "time " + Instant.now(clock));
            line(out, "uid " + selfUid());
            int[] pids = procFs.processIds();
            Arrays.sort(pids);
            List<Integer> readable = new ArrayList<>();
            TreeSet<Integer> uids = new TreeSet<>();
            int exited = 0;
            int denied = 0;
            for (int pid : pids) {
                ProcessTexts texts = reader.texts(pid);
                if (texts == null) {
                    exited++;
                    continue;
                }
                uids.add(texts.summary(reader.origin(pid)).uid());
                process(out, texts);
                if (texts.memory() == MemoryState.READ) {
                    readable.add(pid);
                } else if (texts.memory() == MemoryState.DENIED) {
                    denied++;
                }
            }
            for (int uid : uids) {
                line(out, "user " + Integer.toUnsignedString(uid) + " " + users.name(uid));
            }
            line(out, "exited " + exited);
            for (int pid : readable) {
                smaps(out, reader, pid);
            }
            line(out, "end capture");
            summary = new Summary(pids.length - exited, denied, exited);
        } catch (ProcException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private int selfUid() {
        try {
            return procFs.selfEffectiveUid();
        } catch (ProcException e) {
            return -1;
        }
    }

    private static void process(OutputStream out, ProcessTexts texts) throws IOException {
        line(out, "process " + texts.pid());
        if (texts.stat() == null) {
            line(out, "hidden");
            line(out, "end process");
            return;
        }
        blob(out, "stat", texts.stat());
        blob(out, "status", texts.status());
        blob(out, "cmdline", texts.cmdline());
        Executable exe = texts.executable();
        switch (exe.state()) {
            case READ -> blob(out, "exe", exe.linkText().getBytes(StandardCharsets.ISO_8859_1));
            case DENIED -> line(out, "exe denied");
            case NONE -> line(out, "exe none");
        }
        switch (texts.memory()) {
            case READ -> {
                blob(out, "smaps_rollup", texts.rollup());
                line(out, "mappings " + texts.mappings());
            }
            case DENIED -> line(out, "memory denied");
            case NO_MEMORY -> line(out, "memory none");
        }
        line(out, "end process");
    }

    /** A process's smaps, framed: {@code smaps PID}, its lines, {@code end smaps} (or why there is none). */
    private static void smaps(OutputStream out, ProcessReader reader, int pid) throws IOException, ProcException {
        InputStream in;
        try {
            in = reader.openSmaps(pid);
        } catch (ProcException e) {
            if (e.kind() != ProcException.Kind.GONE && e.kind() != ProcException.Kind.PERMISSION_DENIED) {
                throw e;
            }
            line(out, "smaps " + pid + (e.kind() == ProcException.Kind.GONE ? " exited" : " denied"));
            return;
        }
        line(out, "smaps " + pid);
        byte[] buffer = new byte[1 << 16];
        int last = '\n';
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                last = buffer[n - 1];
            }
        } catch (IOException e) {
            // ESRCH part-way: the process exited while its smaps was read.
        }
        if (last != '\n') {
            out.write('\n');
        }
        line(out, reader.hasExited(pid) ? "end smaps exited" : "end smaps");
    }

    private static void blob(OutputStream out, String key, byte[] bytes) throws IOException {
        line(out, key + " " + bytes.length);
        out.write(bytes);
        out.write('\n');
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
    }
}
