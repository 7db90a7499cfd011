package vmtool.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.UserNames;

/** The processes of the live /proc. */
public final class LiveProcesses implements ProcessSource {
    /** /etc/passwd is read up to this much: a file of 100,000 users is ~6 MB. */
    private static final int MAX_PASSWD_BYTES = 16 << 20;

    private final ProcFs procFs;
    private final Path passwd;
    private UserNames users;

    /**
     * @param procFs the /proc to read
     * @param passwd the file that names users ({@code /etc/passwd})
     */
    public LiveProcesses(ProcFs procFs, Path passwd) {
        this.procFs = procFs;
        this.passwd = passwd;
    }

    @Override
    public String name() {
        return "/proc";
    }

    @Override
    public boolean saved() {
        return false;
    }

    @Override
    public boolean readAsRoot() {
        try {
            return procFs.selfEffectiveUid() == 0;
        } catch (ProcException e) {
            return false;
        }
    }

    @Override
    public UserNames users() {
        if (users == null) {
            users = readUsers(passwd);
        }
        return users;
    }

    /** The names in a passwd file; none when it cannot be read (users are then shown by number). */
    public static UserNames readUsers(Path passwd) {
        try (InputStream in = Files.newInputStream(passwd)) {
            return UserNames.parse(in.readNBytes(MAX_PASSWD_BYTES));
        } catch (IOException e) {
            return UserNames.NONE;
        }
    }

    @Override
    public ProcessTable table() throws SourceException {
        return table(null);
    }

    @Override
    public ProcessTable table(java.util.function.Predicate<ProcessSummary> wanted) throws SourceException {
        try {
            return procFs.processReader().table(wanted);
        } catch (ProcException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    @Override
    public List<AddressSpace> addressSpaces(List<ProcessSummary> processes, List<ProcessSummary> skipped)
            throws SourceException {
        List<AddressSpace> spaces = new ArrayList<>(processes.size());
        for (ProcessSummary process : processes) {
            ProcessInfo info = new ProcessInfo(process.pid(), process.pid(), process.cmdline(), process.comm(),
                    process.state(), process.startStack());
            try {
                spaces.add(procFs.explainedAddressSpace(info, procFs.facts(info)));
            } catch (ProcException e) {
                if (e.kind() == ProcException.Kind.MALFORMED || e.kind() == ProcException.Kind.IO) {
                    throw new SourceException(e.getMessage(), e);
                }
                skipped.add(process);
            }
        }
        return spaces;
    }
}
