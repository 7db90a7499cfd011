package vmtool.source;

import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.UserNames;

/**
 * Where many processes come from, for {@code ps}, an anatomy of a whole program and {@code share}: the live
 * /proc ({@link LiveProcesses}), or a capture of it made earlier, maybe on another machine ({@link Capture}).
 * Read in this order: {@link #table} once, then {@link #addressSpaces} at most once (a capture read from a pipe is
 * read once, front to back).
 */
public interface ProcessSource {
    /** How messages and outputs name it: {@code /proc}, or the capture file. */
    String name();

    /** Whether it is a capture rather than the live /proc. */
    boolean saved();

    /** Whether it was read as root (then a process whose memory could not be read is not a matter of privilege). */
    boolean readAsRoot();

    /** The user names of the machine it was read on. */
    UserNames users();

    /** Every process, read now (live) or as captured. */
    ProcessTable table() throws SourceException;

    /**
     * Every process; the memory of those that {@code wanted} rejects (given their ids, names and executable) may be
     * left unread ({@link vmtool.programs.MemoryState#SKIPPED}), as a live read does to save their page-table walks.
     */
    default ProcessTable table(java.util.function.Predicate<ProcessSummary> wanted) throws SourceException {
        return table();
    }

    /**
     * The address spaces (from smaps) of these processes of the table, in their order, classified as anatomy
     * classifies them. A process whose mappings cannot be had (it exited since the table was read, the kernel
     * refuses them, the capture lacks them) is left out and added to {@code skipped}.
     */
    List<AddressSpace> addressSpaces(List<ProcessSummary> processes, List<ProcessSummary> skipped)
            throws SourceException;
}
