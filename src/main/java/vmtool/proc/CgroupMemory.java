package vmtool.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory limits of this process's cgroups, v1 and v2, and of every group above them (a parent's limit applies
 * to its children too). Which groups, and where they are mounted, comes from {@code /proc/self/cgroup} and
 * {@code /proc/self/mountinfo} through {@link ProcFs}; the limits from the cgroup files under the mount points, read
 * relative to {@code fsRoot} (the machine's {@code /}; tests point it at a fixture tree).
 */
public final class CgroupMemory {
    /**
     * v1 writes "no limit" as the largest page-aligned long (9223372036854771712); anything this large is no limit.
     */
    private static final long UNLIMITED = 1L << 62;

    private final ProcFs proc;
    private final Path fsRoot;

    public CgroupMemory(ProcFs proc, Path fsRoot) {
        this.proc = proc;
        this.fsRoot = fsRoot;
    }

    /** The machine's. */
    public static CgroupMemory system(ProcFs proc) {
        return new CgroupMemory(proc, Path.of("/"));
    }

    /**
     * One limit: {@code limitBytes} from {@code file}, with {@code usageBytes} already charged to that group.
     */
    public record Limit(long limitBytes, long usageBytes, Path file) {
        /** What the group can still take. */
        public long headroomBytes() {
            return Math.max(0, limitBytes - usageBytes);
        }

        /** The file's name, e.g. {@code memory.max}. */
        public String fileName() {
            return file.getFileName().toString();
        }
    }

    /** The limit that leaves the least headroom, or empty when no group on the way up has one. */
    public Optional<Limit> tightest() throws ProcException {
        List<Limit> limits = limits();
        Limit best = null;
        for (Limit limit : limits) {
            if (best == null || limit.headroomBytes() < best.headroomBytes()) {
                best = limit;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every limit set on this process's groups and their ancestors, from the group itself upwards. */
    public List<Limit> limits() throws ProcException {
        List<Limit> limits = new ArrayList<>();
        List<String> mounts;
        List<String> groups;
        try {
            groups = proc.selfLines("cgroup");
            mounts = proc.selfLines("mountinfo");
        } catch (ProcException e) {
            if (e.kind() == ProcException.Kind.GONE) {
                return limits; // no cgroups in this kernel
            }
            throw e;
        }
        for (String group : groups) {
            // hierarchy-ID:controller-list:path; v2 is "0::path".
            String[] parts = group.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean v2 = parts[0].equals("0") && parts[1].isEmpty();
            boolean v1Memory = List.of(parts[1].split(",")).contains("memory");
            if (!v2 && !v1Memory) {
                continue;
            }
            Optional<Group> dir = groupDirectory(mounts, v2, parts[2]);
            if (dir.isPresent()) {
                walkUp(dir.get(), v2, limits);
            }
        }
        return limits;
    }

    /**
     * The group's directory: the mount point of its hierarchy plus the group's path below the mount's root (in a
     * container the mount's root is the container's own group, and /proc/self/cgroup may name it from outside).
     */
    private Optional<Group> groupDirectory(List<String> mounts, boolean v2, String groupPath) {
        for (String line : mounts) {
            // id parent major:minor root mount-point options [optional...] - fstype source super-options
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            boolean matches = v2 ? right[0].equals("cgroup2")
                    : right[0].equals("cgroup") && List.of(right[2].split(",")).contains("memory");
            if (!matches) {
                continue;
            }
            String root = unescape(left[3]);
            String mountPoint = unescape(left[4]);
            String below;
            if (root.equals("/")) {
                below = groupPath;
            } else if (groupPath.equals(root)) {
                below = "/";
            } else if (groupPath.startsWith(root + "/")) {
                below = groupPath.substring(root.length());
            } else {
                below = "/";
            }
            Path mount = fsRoot.resolve(mountPoint.substring(1));
            return Optional.of(new Group(mount, below.equals("/") ? mount : mount.resolve(below.substring(1))));
        }
        return Optional.empty();
    }

    /** A group's directory, and the mount point of its hierarchy, where the walk up ends. */
    private record Group(Path mount, Path dir) {
    }

    private void walkUp(Group group, boolean v2, List<Limit> limits) throws ProcException {
        for (Path level = group.dir(); level != null && level.startsWith(group.mount()); level = level.getParent()) {
            if (v2) {
                Optional<Long> usage = number(level.resolve("memory.current"));
                for (String name : List.of("memory.max", "memory.high")) {
                    Optional<Long> limit = number(level.resolve(name));
                    if (limit.isPresent() && limit.get() < UNLIMITED) {
                        limits.add(new Limit(limit.get(), usage.orElse(0L), level.resolve(name)));
                    }
                }
            } else {
                Optional<Long> limit = number(level.resolve("memory.limit_in_bytes"));
                if (limit.isPresent() && limit.get() < UNLIMITED) {
                    limits.add(new Limit(limit.get(), number(level.resolve("memory.usage_in_bytes")).orElse(0L),
                            level.resolve("memory.limit_in_bytes")));
                }
            }
        }
    }

    /** A cgroup file's number; "max" (v2's no limit) and a missing file are empty. */
    private static Optional<Long> number(Path file) throws ProcException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProcException(ProcException.Kind.IO, file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.equals("max")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new ProcException(ProcException.Kind.MALFORMED, file, file + ": '" + text + "' is not a number", e);
        }
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
