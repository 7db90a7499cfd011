package vmtool.proc;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import vmtool.model.AddressSpace;
import vmtool.nativeio.LibcException;
import vmtool.nativeio.PagemapScan;
import vmtool.model.Mapping;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.model.ShmSegment;

/**
 * Reads the files under /proc that vmtool uses. Every /proc path vmtool opens is built here.
 * The root is a constructor argument so that tests can point it at a directory of fixtures.
 */
public final class ProcFs {
    /** procps reads at most this much of a command line (its MAX_BUFSZ, less the final NUL). */
    static final int MAX_CMDLINE_BYTES = 128 * 1024 - 1;
    /**
     * The head of a maps or smaps read at once: a small process's whole file (smaps: about 60 mappings, maps: about
     * 800), parsed where it lies, with no copy and no thread. A longer file is written by the kernel as it is read,
     * for as long as vmtool takes to parse it, so the rest is read ahead on a second thread and the two overlap.
     */
    private static final int HEAD = 1 << 16;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    /** The machine's /proc. */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /**
     * This process's id, from the /proc/self link; empty when /proc cannot tell (a fixture root without it).
     * {@code ProcessHandle.current()} says the same but starts a reaper thread pool, ~60 classes of resident memory.
     */
    public OptionalLong selfPid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readSymbolicLink(root.resolve("self")).toString()));
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether this process's descriptor {@code fd} is certainly not a terminal: a pipe, a socket or a regular file,
     * as its /proc/self/fd link tells. Asking isatty instead costs touch JNA, whose NativeLibrary
     * runs {@code ldconfig -p} in a child process: ~150 classes, ~2.5 MiB of resident memory (docs/performance.md).
     */
    public boolean certainlyNotATerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(root.resolve("self/fd/" + fd)).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:") || Files.isRegularFile(Path.of(target));
        } catch (IOException | UnsupportedOperationException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Whether this process's descriptor {@code fd} is a terminal: its /proc/self/fd link names a pseudo-terminal or
     * a tty device. Without JNA's isatty (see above), and unlike {@code System.console()}, which from JDK 22 on is
     * there when stdout is a pipe.
     */
    public boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(root.resolve("self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.startsWith("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Whether vmtool was started with standard input closed: the JVM then opens its class library (lib/modules), the
     * first file it opens, on the lowest free descriptor, 0, and reading standard input would read that.
     */
    public boolean standardInputClosedAtStart() {
        try {
            return Files.isSameFile(root.resolve("self/fd/0"), Path.of(System.getProperty("java.home"), "lib",
                    "modules"));
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns when this JVM's JIT compiler threads are idle, or after {@code maxNanos}: see {@link CompilerThreads}
     * (JDK 17's exit waits 10 ms for a compilation in progress).
     */
    public void awaitOwnCompilersIdle(long maxNanos) {
        CompilerThreads.awaitIdle(root.resolve("self").resolve("task").toString(), maxNanos);
    }

    /** The ids of the processes that /proc lists now (its numeric entries; threads are not listed), unsorted. */
    public int[] processIds() throws ProcException {
        // java.io's list: NIO's directory stream is built of lambdas from JDK 21 on (see threads).
        String[] names = root.toFile().list();
        if (names == null) {
            throw new ProcException(ProcException.Kind.IO, root, "cannot list " + root + ": is /proc mounted?",
                    null);
        }
        int[] pids = new int[names.length];
        int count = 0;
        for (String name : names) {
            int pid = pidOf(name);
            if (pid > 0) {
                pids[count++] = pid;
            }
        }
        return java.util.Arrays.copyOf(pids, count);
    }

    /** The number a /proc entry's name is, or 0 when it is not one (self, meminfo, sys...). */
    private static int pidOf(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return 0;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid <= Integer.MAX_VALUE ? (int) pid : 0;
    }

    /** Reads the small files of processes for a table of them (vmtool ps) or a capture. */
    public ProcessReader processReader() {
        return new ProcessReader(this);
    }

    /** A file of process {@code pid}: {@code /proc/PID/NAME}. */
    Path processFile(int pid, String name) {
        return root.resolve(Integer.toString(pid)).resolve(name);
    }

    /** A file of /proc itself, e.g. {@code sys/kernel/osrelease}. */
    Path file(String name) {
        return root.resolve(name);
    }

    /** The process or thread with this id, or empty when there is none. */
    public Optional<ProcessInfo> process(int pid) throws ProcException {
        String dir = Integer.toString(pid);
        byte[] stat;
        try {
            stat = read(root.resolve(dir).resolve("stat"), Integer.MAX_VALUE);
        } catch (ProcException e) {
            if (e.kind() == ProcException.Kind.GONE) {
                return Optional.empty();
            }
            throw e;
        }
        StatLine statLine = StatLine.parse(stat, root.resolve(dir).resolve("stat"));
        int tgid = tgid(dir, pid);
        String cmdline = latin1(readOrEmpty(root.resolve(dir).resolve("cmdline"), MAX_CMDLINE_BYTES));
        return Optional.of(new ProcessInfo(pid, tgid, cmdline, statLine.comm(), statLine.state(), statLine.startStack(),
                statLine.kernelThread()));
    }

    /**
     * A line for stderr when the process has exited by now (it is gone, or a zombie): the kernel ends the smaps or
     * maps of a process that exits while they are read, or gives none, without an error, so what was read may lack
     * mappings. procps's pmap shows such a read as if it were whole; vmtool shows it too, and says this.
     */
    public Optional<String> exitedNote(int pid) {
        Path path = root.resolve(Integer.toString(pid)).resolve("stat");
        boolean exited;
        try {
            char state = StatLine.parse(read(path, Integer.MAX_VALUE), path).state();
            exited = state == 'Z' || state == 'X';
        } catch (ProcException e) {
            exited = e.kind() == ProcException.Kind.GONE;
        }
        return exited ? Optional.of("process " + pid + " exited while its mappings were read (or before): what is"
                + " shown may lack some") : Optional.empty();
    }

    /** The mappings of a process: from smaps (with fields) or from maps (without). */
    public List<Mapping> mappings(int pid, boolean withFields) throws ProcException {
        return mappings(Integer.toString(pid), withFields);
    }

    /** A process's address space: its mappings, from smaps (with fields) or maps, classified with these facts. */
    public AddressSpace addressSpace(ProcessInfo process, boolean withFields, ProcessFacts facts)
            throws ProcException {
        String dir = Integer.toString(process.tgid());
        return AddressSpace.of(process, root.resolve(dir).resolve(withFields ? "smaps" : "maps").toString(), false,
                mappings(dir, withFields), facts);
    }

    /**
     * The same from smaps, parsed from {@code ahead} when it was opened for this process (the caller closes it in
     * any case).
     */
    public AddressSpace addressSpace(ProcessInfo process, ProcessFacts facts, SmapsAhead ahead) throws ProcException {
        String dir = Integer.toString(process.tgid());
        return AddressSpace.of(process, root.resolve(dir).resolve("smaps").toString(), false,
                mappings(dir, true, ahead != null && ahead.pid() == process.tgid() ? ahead : null), facts);
    }

    /** Opens the smaps of process {@code pid} and reads it ahead, for {@link #addressSpace(ProcessInfo,
     * ProcessFacts, SmapsAhead)} when its turn comes. */
    public SmapsAhead smapsAhead(int pid) {
        return SmapsAhead.open(pid, root.resolve(Integer.toString(pid)).resolve("smaps"));
    }

    /**
     * A process's address space from smaps, with these facts and the extents of the ELF images that anonymous memory
     * follows ({@link #loadedImages}): what an explanation of the mappings (anatomy, where, the exports) classifies.
     */
    public AddressSpace explainedAddressSpace(ProcessInfo process, ProcessFacts facts) throws ProcException {
        String dir = Integer.toString(process.tgid());
        List<Mapping> mappings = mappings(dir, true);
        return AddressSpace.of(process, root.resolve(dir).resolve("smaps").toString(), false, mappings,
                facts.withImages(loadedImages(process, mappings)));
    }

    /**
     * How far the program's and libraries' images reach, read from their ELF program headers, for each file
     * mapping that writable anonymous memory directly follows: the only place where the classifier must tell a
     * file's bss from other memory. The process's files are read as {@link MappedFiles} says: never outside its
     * root, never anything but the mapped regular file. A file that cannot be read that way, or is not ELF, gives
     * no fact, and the classifier then goes by the neighbours alone.
     */
    public List<ProcessFacts.LoadedImage> loadedImages(ProcessInfo process, List<Mapping> mappings) {
        MappedFiles files = new MappedFiles(root.resolve(Integer.toString(process.tgid())));
        List<ProcessFacts.LoadedImage> images = new ArrayList<>();
        byte[] head = new byte[ElfSegments.HEADER_BYTES];
        int reads = 0;
        for (int i = 1; i < mappings.size() && reads < MAX_IMAGE_READS && files.anyWay(); i++) {
            Mapping after = mappings.get(i);
            Mapping file = mappings.get(i - 1);
            if (after.isFile() || !after.name().isEmpty() || !after.perms().write() || !file.isFile()
                    || file.end() != after.start()) {
                continue;
            }
            Mapping base = imageBase(mappings, i - 1);
            if (base == null) {
                continue;
            }
            reads++;
            int length = files.readHead(base, head);
            Optional<ElfSegments> segments = length > 0 ? ElfSegments.parse(head, length) : Optional.empty();
            OptionalLong end = segments.isPresent() ? segments.get().imageEnd(base.start()) : OptionalLong.empty();
            if (end.isPresent()) {
                images.add(new ProcessFacts.LoadedImage(file.end(), end.getAsLong()));
            }
        }
        return images;
    }

    /** Files read for {@link #loadedImages} at most: one per library that has a bss, in practice. */
    private static final int MAX_IMAGE_READS = 512;

    /**
     * Where the loader put the image that mapping {@code last} ends: the lowest mapping with file offset 0 of the
     * run of that file's mappings (same device and inode) that ends there, each beginning where the one before it
     * ends, or after an inaccessible anonymous gap between them. Not the nearest with offset 0: a small library's
     * every segment lies in its first page, so each of its mappings has offset 0.
     */
    static Mapping imageBase(List<Mapping> mappings, int last) {
        Mapping file = mappings.get(last);
        Mapping base = null;
        for (int i = last; i >= 0; i--) {
            Mapping candidate = mappings.get(i);
            if (i < last && candidate.end() != mappings.get(i + 1).start()) {
                break;
            }
            if (isInaccessibleGap(candidate) && i < last) {
                continue;
            }
            if (!sameFile(candidate, file)) {
                break;
            }
            if (candidate.offset() == 0) {
                base = candidate;
            }
        }
        return base;
    }

    /** Not Device.equals: a record's equals is bootstrapped through java.lang.invoke (~170 classes). */
    private static boolean sameFile(Mapping a, Mapping b) {
        return a.inode() == b.inode() && a.device().major() == b.device().major()
                && a.device().minor() == b.device().minor() && a.isFile() && b.isFile();
    }

    private static boolean isInaccessibleGap(Mapping mapping) {
        return mapping.name().isEmpty() && mapping.perms().none();
    }

    /**
     * What the classifier can use of a live process beyond its mappings: the main stack's address, the executable
     * (empty when /proc/PID/exe is hidden: another user's process, a kernel thread) and the stack pointer of each
     * other thread that is blocked in a system call. A thread that is running, or whose syscall file this user may
     * not read (ptrace rules), has no known stack pointer: it is listed as unplaced, with the reason. A thread that
     * ends while it is read is left out.
     *
     * @throws ProcException when the process's task directory cannot be listed for a reason other than its being
     *                       gone or hidden
     */
    public ProcessFacts facts(ProcessInfo process) throws ProcException {
        Path dir = root.resolve(Integer.toString(process.tgid()));
        List<ProcessFacts.ThreadStack> placed = new ArrayList<>();
        List<ProcessFacts.UnplacedThread> unplaced = new ArrayList<>();
        ThreadStacks.read(dir.resolve("task"), process.tgid(), placed, unplaced);
        return new ProcessFacts(executable(dir), placed, unplaced, List.of(), List.of());
    }

    private static String executable(Path dir) throws ProcException {
        Path exe = dir.resolve("exe");
        try {
            String target = LinkText.read(exe);
            // A deleted or replaced executable reads as "PATH (deleted)", as its mappings' names do.
            return target.endsWith(DELETED) ? target.substring(0, target.length() - DELETED.length()) : target;
        } catch (AccessDeniedException | NoSuchFileException e) {
            // Another user's process, or a kernel thread or zombie, which has no executable.
            return "";
        } catch (IOException e) {
            throw classify(exe, e);
        }
    }

    private static final String DELETED = " (deleted)";


    /** The mappings of this JVM, from /proc/self/maps. */
    public List<Mapping> ownMappings() throws ProcException {
        return mappings("self", false);
    }

    private List<Mapping> mappings(String dir, boolean withFields) throws ProcException {
        return mappings(dir, withFields, null);
    }

    private List<Mapping> mappings(String dir, boolean withFields, SmapsAhead ahead) throws ProcException {
        Path path = root.resolve(dir).resolve(withFields ? "smaps" : "maps");
        try {
            return ahead != null ? parseAhead(ahead) : parseMappings(path);
        } catch (ProcException e) {
            if (e.kind() != ProcException.Kind.PERMISSION_DENIED || dir.equals("self")) {
                throw e;
            }
            throw new ProcException(e.kind(), e.path(), e.getMessage(), e.getCause(), denial(root.resolve(dir), path));
        }
    }

    /**
     * Why this user may not read {@code file}, the memory map of the process in {@code dir}; null when that cannot be
     * told (the process has gone, say). The kernel gives the files in /proc/PID (not the directory) to root when the
     * process is not dumpable.
     */
    private Denial denial(Path dir, Path file) {
        try {
            String[] uids = Words.of(lineField(dir.resolve("status"), "Uid").orElse(""));
            Object owner = Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return Denial.of(selfEffectiveUid(), Integer.parseInt(uids[0]), (Integer) owner);
        } catch (ProcException | IOException | NumberFormatException | ArrayIndexOutOfBoundsException
                 | UnsupportedOperationException | ClassCastException e) {
            return null;
        }
    }

    /** The head buffer of the last read, for the next. */
    private static final SpareBuffer HEADS = new SpareBuffer(HEAD);

    private static List<Mapping> parseMappings(Path path) throws ProcException {
        try (InputStream in = openFile(path)) {
            byte[] head = HEADS.take();
            int n = PrefetchingInputStream.fill(in, head);
            if (n < HEAD) {
                List<Mapping> mappings = SmapsParser.parse(head, n, path.toString());
                HEADS.give(head);
                return mappings;
            }
            List<Mapping> mappings;
            try (InputStream all = PrefetchingInputStream.after(head, in)) {
                mappings = SmapsParser.parse(all, path.toString());
            }
            // Closed: the read-ahead thread never had it, and no mapping refers to it.
            HEADS.give(head);
            return mappings;
        } catch (IOException e) {
            throw classify(path, e);
        } catch (SmapsParser.MalformedProcText e) {
            throw new ProcException(ProcException.Kind.MALFORMED, path, e.getMessage(), e);
        }
    }

    private static List<Mapping> parseAhead(SmapsAhead ahead) throws ProcException {
        try (InputStream all = ahead.stream()) {
            return SmapsParser.parse(all, ahead.path().toString());
        } catch (IOException e) {
            throw classify(ahead.path(), e);
        } catch (SmapsParser.MalformedProcText e) {
            throw new ProcException(ProcException.Kind.MALFORMED, ahead.path(), e.getMessage(), e);
        }
    }

    /**
     * A process's pagemap (one entry per virtual page: docs/pages.md), read in batches of {@code batch} entries.
     * Root, or the process's owner when ptrace allows it, may open it; only root sees frame numbers.
     */
    public EntryFile pagemap(int pid, int batch) throws ProcException {
        return EntryFile.open(root.resolve(Integer.toString(pid)).resolve("pagemap"), batch);
    }

    /** /proc/kpageflags: each page frame's flags (root only). */
    public EntryFile kpageflags(int batch) throws ProcException {
        return EntryFile.open(root.resolve("kpageflags"), batch);
    }

    /** /proc/kpagecount: how many times each page frame is mapped (root only). */
    public EntryFile kpagecount(int batch) throws ProcException {
        return EntryFile.open(root.resolve("kpagecount"), batch);
    }

    /**
     * A process's pagemap opened for the PAGEMAP_SCAN ioctl (Linux 6.7+), with room for {@code capacity} regions
     * per call. The path is built here like every other; the descriptor is the native layer's.
     *
     * @throws ProcException the pagemap cannot be opened (gone, not allowed)
     * @throws LibcException JNA is missing, or another libc failure
     */
    public PagemapScan pagemapScan(int pid, int capacity) throws ProcException, LibcException {
        // In a class of its own: a catch of LibcException here would load it with ProcFs, in every command.
        return PagemapScanOpener.open(root.resolve(Integer.toString(pid)).resolve("pagemap"), capacity);
    }

    /**
     * The smallest size, in bytes, that the kernel maps as one huge page: the PMD size of transparent huge pages and
     * each hugetlb page size, read from {@code kernel/mm} of the sysfs beside this /proc (/sys). Long.MAX_VALUE when
     * the kernel has neither; empty when that cannot be read (no sysfs, a fixture root).
     */
    public OptionalLong smallestHugePage() {
        Path mm = root.resolveSibling("sys").resolve("kernel").resolve("mm");
        if (!Files.isDirectory(mm)) {
            return OptionalLong.empty();
        }
        long smallest = Long.MAX_VALUE;
        try {
            Path thp = mm.resolve("transparent_hugepage");
            if (Files.isDirectory(thp)) {
                smallest = Long.parseLong(latin1(read(thp.resolve("hpage_pmd_size"), 32)).strip());
            }
            Path hugetlb = mm.resolve("hugepages");
            if (Files.isDirectory(hugetlb)) {
                try (DirectoryStream<Path> sizes = Files.newDirectoryStream(hugetlb)) {
                    for (Path size : sizes) {
                        // hugepages-2048kB
                        String name = size.getFileName().toString();
                        if (name.startsWith("hugepages-") && name.endsWith("kB")) {
                            smallest = Math.min(smallest, Long.parseLong(name.substring(10, name.length() - 2))
                                    * 1024);
                        }
                    }
                }
            }
        } catch (ProcException | IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(smallest);
    }

    /** Whether /proc/cpuinfo lists this CPU flag (e.g. {@code la57}: 5-level paging, which the kernel clears when it
     * does not use it). */
    public boolean cpuHasFlag(String flag) throws ProcException {
        for (String line : latin1(read(root.resolve("cpuinfo"), 1 << 20)).split("\n")) {
            if (line.startsWith("flags")) {
                for (String word : line.substring(line.indexOf(':') + 1).trim().split(" ")) {
                    if (word.equals(flag)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** One line of /proc/PID/status, e.g. {@code VmRSS}: its value text without the key, or empty. */
    public Optional<String> statusField(int pid, String key) throws ProcException {
        return lineField(root.resolve(Integer.toString(pid)).resolve("status"), key);
    }

    /**
     * Whether process {@code pid} has a handler for signal {@code signal} that it does not ignore (/proc/PID/status's
     * SigCgt and SigIgn masks, bit {@code signal - 1}). A JVM catches SIGQUIT; most other programs die of it.
     */
    public boolean catchesSignal(int pid, int signal) throws ProcException {
        Path status = root.resolve(Integer.toString(pid)).resolve("status");
        String text = latin1(read(status, Integer.MAX_VALUE));
        long caught = signalMask(status, text, "SigCgt");
        long ignored = signalMask(status, text, "SigIgn");
        long bit = 1L << (signal - 1);
        return (caught & bit) != 0 && (ignored & bit) == 0;
    }

    private static long signalMask(Path status, String text, String key) throws ProcException {
        String hex = field(text, key).orElseThrow(() -> new ProcException(ProcException.Kind.MALFORMED, status,
                status + " has no " + key + " line", null));
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new ProcException(ProcException.Kind.MALFORMED, status,
                    status + ": " + key + " is not a hex mask: " + hex, e);
        }
    }

    /** This process's effective user id: the second number of /proc/self/status's Uid line. */
    public int selfEffectiveUid() throws ProcException {
        Path status = root.resolve("self").resolve("status");
        String[] ids = Words.of(lineField(status, "Uid").orElse(""));
        try {
            return Integer.parseInt(ids[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new ProcException(ProcException.Kind.MALFORMED, status,
                    status + " has no effective uid in its Uid line", e);
        }
    }

    /**
     * The System V shared memory segments of this IPC namespace, by shmid (the inode of their mappings): empty when
     * /proc/sysvipc/shm cannot be read (a kernel without System V IPC).
     */
    public Map<Long, ShmSegment> sysvSegments() throws ProcException {
        Path path = root.resolve("sysvipc").resolve("shm");
        byte[] text = readOrEmpty(path, Integer.MAX_VALUE);
        return text.length == 0 ? Map.of() : SysvShmTable.parse(latin1(text), path);
    }

    /** One line of /proc/meminfo, e.g. {@code MemAvailable}: its value text without the key, or empty. */
    public Optional<String> meminfoField(String key) throws ProcException {
        return lineField(root.resolve("meminfo"), key);
    }

    /** The lines of one of this process's own files, e.g. {@code cgroup}, {@code mountinfo}, {@code limits}. */
    public List<String> selfLines(String file) throws ProcException {
        return List.of(latin1(read(root.resolve("self").resolve(file), Integer.MAX_VALUE)).split("\n"));
    }

    /** Where this process's own file would be, for messages. */
    public Path selfPath(String file) {
        return root.resolve("self").resolve(file);
    }

    private Optional<String> lineField(Path path, String key) throws ProcException {
        return field(latin1(read(path, Integer.MAX_VALUE)), key);
    }

    /** The value of the line {@code KEY: value} in a file's text, stripped; empty when there is none. */
    private static Optional<String> field(String text, String key) {
        String prefix = key + ":";
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return Optional.of(line.substring(prefix.length()).strip());
            }
        }
        return Optional.empty();
    }

    private int tgid(String dir, int pid) throws ProcException {
        Path path = root.resolve(dir).resolve("status");
        Optional<String> tgid = lineField(path, "Tgid");
        if (tgid.isEmpty()) {
            return pid;
        }
        try {
            return Integer.parseInt(tgid.get());
        } catch (NumberFormatException e) {
            throw new ProcException(ProcException.Kind.MALFORMED, path, path + ": Tgid is not a number", e);
        }
    }

    private byte[] readOrEmpty(Path path, int limit) throws ProcException {
        try {
            return read(path, limit);
        } catch (ProcException e) {
            if (e.kind() == ProcException.Kind.MALFORMED) {
                throw e;
            }
            return new byte[0];
        }
    }

    /**
     * Reads a small /proc file whole, at most {@code limit} bytes (stat reports their size as 0, so the JDK's
     * size-based shortcuts read nothing or one byte). smaps and maps are streamed by {@link SmapsParser} instead.
     */
    static byte[] read(Path path, int limit) throws ProcException {
        try (InputStream in = openFile(path)) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw classify(path, e);
        }
    }

    /**
     * java.io's stream rather than Files.newInputStream: NIO's file channels bring in libnet, whose start-up probes
     * for IPv6, and a dozen classes, about 0.7 ms of a 40 ms pmap. java.io names no reason when a file cannot be
     * opened (FileNotFoundException for all), so NIO then opens it again, to fail with the typed exception that
     * {@link #classify} reads (or to succeed, if the file has just appeared).
     */
    static InputStream openFile(Path path) throws IOException {
        try {
            return new FileInputStream(path.toFile());
        } catch (FileNotFoundException e) {
            return Files.newInputStream(path);
        }
    }

    /**
     * Says why a /proc file could not be read, by the exception's type: opening names the reason
     * ({@link AccessDeniedException}, {@link NoSuchFileException}); a read that fails part-way (the process exited
     * while the kernel wrote its smaps: ESRCH) does not, so the process's directory is looked at again.
     */
    static ProcException classify(Path path, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ProcException(ProcException.Kind.PERMISSION_DENIED, path,
                    "cannot read " + path + ": permission denied", e);
        }
        if (e instanceof NoSuchFileException || !Files.exists(path.getParent())) {
            return new ProcException(ProcException.Kind.GONE, path, "cannot read " + path + ": no such process", e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ProcException(ProcException.Kind.IO, path, "cannot read " + path + ": " + reason, e);
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
