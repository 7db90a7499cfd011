package vmtool.pages;

import java.util.List;
import java.util.Optional;

import vmtool.model.AddressSpace;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * {@code vmtool pages}' work: the process's mappings from maps (smaps would walk every page table once more), the
 * parts asked for, and their pages. Every failure is a {@link Failure} with one line for the user.
 */
public final class Pages {
    /** What was read. */
    public record Result(ProcessInfo process, AddressSpace space, PageReport report) {
        /** The one line that says what only root sees, or null when this user is root. */
        public String needsRoot() {
            return Pages.needsRoot(report);
        }
    }

    /** Why the pages could not be read. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * NOT_MAPPED: an operand names no mapped page; UNREADABLE: the process or its pagemap cannot be read;
         * RUNS_TOO_MANY: the runs asked for did not fit in the heap ({@link #pages} says how many pages they cover).
         */
        public enum Kind { NOT_MAPPED, UNREADABLE, RUNS_TOO_MANY }

        private final Kind kind;
        private final long pages;

        Failure(Kind kind, String message, Throwable cause) {
            this(kind, message, cause, 0);
        }

        private Failure(Kind kind, String message, Throwable cause, long pages) {
            super(message, cause);
            this.kind = kind;
            this.pages = pages;
        }

        public Kind kind() {
            return kind;
        }

        /** For RUNS_TOO_MANY: the pages of the parts asked for, as many runs at most. */
        public long pages() {
            return pages;
        }
    }

    private Pages() {
    }

    /** The one line that says what only root sees, or null when the report has it all. */
    public static String needsRoot(PageReport report) {
        return report.privileged() ? null : "frame numbers, and --frames (kpageflags and kpagecount: FRAMES>1,"
                + " KSM, flags), need root: shown without them";
    }

    public static Result read(ProcFs procFs, int pid, List<PageSelection.Ask> asks, PageReader.Options options)
            throws Failure {
        try {
            Optional<ProcessInfo> found = procFs.process(pid);
            if (found.isEmpty()) {
                throw new Failure(Failure.Kind.UNREADABLE, "no process with PID " + pid + " (it may have exited);"
                        + " list processes with 'ps -e'", null);
            }
            ProcessInfo process = found.get();
            ProcessFacts facts = procFs.facts(process);
            AddressSpace read = procFs.addressSpace(process, false, facts);
            AddressSpace space = AddressSpace.of(process, read.source(), false, read.mappings(),
                    facts.withImages(procFs.loadedImages(process, read.mappings())));
            if (space.mappings().isEmpty()) {
                throw new Failure(Failure.Kind.UNREADABLE, noMappings(procFs, process), null);
            }
            long pageSize = PageReader.systemPageSize();
            List<PageTarget> targets = PageSelection.targets(space, asks, pageSize);
            PageReport report;
            try {
                report = new PageReader(procFs, pageSize).read(process.tgid(), targets, options);
            } catch (ProcException e) {
                throw new Failure(Failure.Kind.UNREADABLE, pagemapProblem(procFs, process, e), e);
            } catch (OutOfMemoryError e) {
                // The runs are held until the report is written (a mapping has as many as it has pages at most);
                // what was read is garbage now. Without runs, what is held does not grow with the pages.
                if (!options.runs()) {
                    throw e;
                }
                long pages = 0;
                for (PageTarget target : targets) {
                    pages += (target.end() - target.start()) / pageSize;
                }
                throw new Failure(Failure.Kind.RUNS_TOO_MANY, "out of memory holding the runs of " + pages
                        + " pages", null, pages);
            }
            return new Result(process, space, report);
        } catch (PageSelection.NotMapped e) {
            throw new Failure(Failure.Kind.NOT_MAPPED, e.getMessage(), e);
        } catch (ProcException e) {
            throw new Failure(Failure.Kind.UNREADABLE, explain(pid, e), e);
        }
    }

    /**
     * The pages of every region of an address space read already (anatomy's and map's, classified with all their
     * facts), read now, with PAGEMAP_SCAN where the kernel has it; no runs unless asked for.
     */
    public static PageReport ofRegions(ProcFs procFs, ProcessInfo process, List<Region> regions, boolean runs)
            throws Failure {
        return ofRegions(procFs, process, regions, runs, null);
    }

    /** The same, each mapping's runs handed to {@code sink} as they are made, not kept (PageReader.read). */
    public static PageReport ofRegions(ProcFs procFs, ProcessInfo process, List<Region> regions, boolean runs,
                                       RunSink sink) throws Failure {
        List<PageTarget> targets = PageTarget.wholeOf(regions);
        try {
            return new PageReader(procFs, PageReader.systemPageSize()).read(process.tgid(), targets,
                    new PageReader.Options(runs, true, false), sink);
        } catch (ProcException e) {
            throw new Failure(Failure.Kind.UNREADABLE, pagemapProblem(procFs, process, e), e);
        }
    }

    private static String noMappings(ProcFs procFs, ProcessInfo process) {
        if (procFs.exitedNote(process.tgid()).isPresent()) {
            return "process " + process.pid() + " has exited (or is a zombie): it has no pages left";
        }
        return "process " + process.pid() + " (" + vmtool.model.ByteText.shown(process.comm()) + ") is a kernel"
                + " thread: it has no user address space, so no pages";
    }

    private static String pagemapProblem(ProcFs procFs, ProcessInfo process, ProcException e) {
        if (e.kind() == ProcException.Kind.GONE) {
            if (procFs.exitedNote(process.tgid()).isEmpty() && e.path() != null) {
                return "cannot read " + e.path() + ": this kernel has no pagemap (CONFIG_PROC_PAGE_MONITOR is off)";
            }
            return "process " + process.pid() + " exited while its pages were read";
        }
        return explain(process.pid(), e);
    }

    private static String explain(int pid, ProcException e) {
        String file = e.path() == null ? "/proc/" + pid : e.path().toString();
        return switch (e.kind()) {
            case PERMISSION_DENIED -> "cannot read " + file + ": permission denied; the process belongs to another"
                    + " user (run as that user or as root)";
            case GONE -> "process " + pid + " exited before its pages could be read";
            default -> e.getMessage();
        };
    }
}
