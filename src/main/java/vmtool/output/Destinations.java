package vmtool.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds what an output path names without letting anyone but root and the invoking user redirect it. vmtool runs
 * as root, and the kernel's own guard ({@code fs.protected_symlinks}) does not apply to a path that a program
 * resolves itself, nor when the sysctl is off; so the path is walked here, one name at a time, from {@code /},
 * never following a link by the kernel:
 * <ul>
 * <li>every directory entered must be owned by root or the invoking user, and not writable by group or others
 * unless it is sticky (like /tmp);</li>
 * <li>in a directory that others may write (a sticky one), every entry used (a directory, a link, the file itself)
 * must be owned by root or the invoking user: in /tmp a name another user made is never followed, written or
 * replaced;</li>
 * <li>a symbolic link is followed only if root or the invoking user owns it (at most 40 of them);</li>
 * <li>this process's own descriptors in /proc ({@code /dev/stdout}, {@code /dev/fd/N}) are descriptors, not links
 * to follow.</li>
 * </ul>
 * Once walked, nobody else can change any name on the way, so the path found stays true while it is written.
 * The rule is OpenSSH's StrictModes: refuse what others could have written.
 */
public final class Destinations {
    private static final int MAX_LINKS = 40;
    private static final int TYPE = 0170000;
    private static final int LINK = 0120000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER = 0020000;
    private static final int BLOCK = 0060000;
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;

    private final int user;
    private final Pattern ownDescriptors;

    /**
     * @param user the invoking user's id: besides root, the one whose directories and links are trusted
     * @param pid this process, whose {@code /proc/PID/fd} holds its descriptors
     */
    public Destinations(int user, long pid) {
        this.user = user;
        this.ownDescriptors = Pattern.compile("/proc/" + pid + "(/task/\\d+)?/fd");
    }

    /** For this process, run by its real user. */
    public static Destinations forThisProcess() {
        return new Destinations((int) new com.sun.security.auth.module.UnixSystem().getUid(),
                ProcessHandle.current().pid());
    }

    /**
     * What {@code name} (absolute, or relative to the working directory) names.
     *
     * @throws OutputRefused when someone else could redirect it, or it is a directory, a block device or a socket
     * @throws NoSuchFileException when a directory on the way is missing
     */
    public Destination resolve(String name) throws IOException {
        Deque<String> rest = new ArrayDeque<>();
        push(rest, Path.of(name).toAbsolutePath());
        Path dir = Path.of("/");
        Entry dirEntry = entry(dir);
        checkDirectory(dir, dirEntry);
        int links = 0;
        boolean endsInDirectory = true;
        while (!rest.isEmpty()) {
            String component = rest.pop();
            if (component.equals(".") || component.equals("..")) {
                dir = component.equals("..") && dir.getParent() != null ? dir.getParent() : dir;
                dirEntry = entry(dir);
                endsInDirectory = true;
                continue;
            }
            endsInDirectory = false;
            boolean last = rest.isEmpty();
            Path path = dir.resolve(component);
            Entry entry;
            try {
                entry = entry(path);
            } catch (NoSuchFileException e) {
                if (last) {
                    return new Destination.File(dir, path.getFileName(), null);
                }
                throw e;
            }
            if (othersMayWrite(dirEntry) && !trusted(entry.uid)) {
                throw new OutputRefused(path + " belongs to " + owner(path) + ", in " + dir + " where others can"
                        + " create files: vmtool neither follows nor replaces it; remove it or choose another name");
            }
            switch (entry.mode & TYPE) {
                case LINK -> {
                    if (ownDescriptors.matcher(dir.toString()).matches()) {
                        if (last) {
                            return component.equals("1") ? new Destination.StandardOutput()
                                    : new Destination.Descriptor(path);
                        }
                    } else if (!trusted(entry.uid)) {
                        throw new OutputRefused(path + " is a symbolic link that " + owner(path) + " owns: vmtool"
                                + " follows only links owned by root or by you; give the path it points to if you"
                                + " trust it");
                    }
                    if (++links > MAX_LINKS) {
                        throw new OutputRefused("too many levels of symbolic links");
                    }
                    Path target = Files.readSymbolicLink(path);
                    push(rest, target);
                    if (target.isAbsolute()) {
                        dir = Path.of("/");
                        dirEntry = entry(dir);
                        checkDirectory(dir, dirEntry);
                    }
                    endsInDirectory = true;
                }
                case DIRECTORY -> {
                    checkDirectory(path, entry);
                    dir = path;
                    dirEntry = entry;
                    endsInDirectory = true;
                }
                default -> {
                    if (!last) {
                        throw new OutputRefused(path + " is not a directory");
                    }
                    return leaf(dir, path, entry);
                }
            }
        }
        if (endsInDirectory) {
            throw new OutputRefused("it is a directory");
        }
        throw new AssertionError("unreachable: the walk ended on a name it did not look at");
    }

    private Destination leaf(Path dir, Path path, Entry entry) throws IOException {
        return switch (entry.mode & TYPE) {
            case REGULAR -> new Destination.File(dir, path.getFileName(),
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            case FIFO, CHARACTER -> new Destination.Device(path);
            case BLOCK -> throw new OutputRefused(path + " is a block device (a disk): vmtool writes no output"
                    + " onto a disk");
            default -> throw new OutputRefused(path + " is a socket, which cannot be opened as a file");
        };
    }

    /** Pushes the names of {@code path} in front of what is left, so that they are walked next. */
    private static void push(Deque<String> rest, Path path) {
        for (int i = path.getNameCount() - 1; i >= 0; i--) {
            rest.push(path.getName(i).toString());
        }
    }

    private void checkDirectory(Path dir, Entry entry) throws IOException {
        if (!trusted(entry.uid)) {
            throw new OutputRefused(dir + " belongs to " + owner(dir) + ", who could redirect the file: write into"
                    + " a directory that only root or you can change");
        }
        if (othersMayWrite(entry) && (entry.mode & STICKY) == 0) {
            throw new OutputRefused(dir + " can be changed by others (mode " + String.format("%04o", entry.mode
                    & 07777) + "), who could redirect the file: write into a directory that only root or you can"
                    + " change");
        }
    }

    private boolean trusted(int uid) {
        return uid == 0 || uid == user;
    }

    private static boolean othersMayWrite(Entry dir) {
        return (dir.mode & GROUP_OR_OTHERS_WRITE) != 0;
    }

    private static String owner(Path path) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "another user";
        }
    }

    private record Entry(int mode, int uid) {
    }

    private static Entry entry(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        return new Entry((Integer) attributes.get("mode"), (Integer) attributes.get("uid"));
    }
}
