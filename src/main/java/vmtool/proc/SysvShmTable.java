package vmtool.proc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import vmtool.model.ShmSegment;

/**
 * Parses /proc/sysvipc/shm: a header line, then one line per segment, its fields separated by blanks
 * ({@code key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap}).
 */
final class SysvShmTable {
    /** The SHM_DEST bit of perms: marked for removal. */
    private static final int SHM_DEST = 01000;

    private SysvShmTable() {
    }

    /** The segments by shmid. */
    static Map<Long, ShmSegment> parse(String text, Path path) throws ProcException {
        Map<Long, ShmSegment> segments = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = Words.of(line);
            try {
                if (f.length < 10) {
                    throw new NumberFormatException("too few fields");
                }
                ShmSegment segment = new ShmSegment(Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Long.parseUnsignedLong(f[3]), Long.parseLong(f[6]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[7]), (Integer.parseInt(f[2], 8) & SHM_DEST) != 0);
                segments.put(segment.shmid(), segment);
            } catch (NumberFormatException e) {
                throw new ProcException(ProcException.Kind.MALFORMED, path,
                        path + ":" + (i + 1) + ": not a segment line: " + line, e);
            }
        }
        return segments;
    }
}
