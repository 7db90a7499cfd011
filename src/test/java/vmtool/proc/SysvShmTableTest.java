package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vmtool.model.ShmSegment;

/** /proc/sysvipc/shm as the kernel writes it: a header, then a segment per line, its fields aligned with blanks. */
class SysvShmTableTest {
    @Test
    void theSysvSegmentTableAsTheKernelWritesIt() throws ProcException {
        String text = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
                + "      atime      dtime      ctime                   rss                  swap\n"
                + "         0     327712  1600                 32768  2855  2855     13     0     0     0     0"
                + " 1796590498          0 1796590498                 32768                     0\n"
                + "   2146312     426018   600                    56 11279 11038      6   101   104   101   104"
                + " 1796592935 1796592935 1796590532                  4096                     0\n";

        Map<Long, ShmSegment> segments = SysvShmTable.parse(text, Path.of("/proc/sysvipc/shm"));

        assertThat(segments.keySet()).containsExactly(327712L, 426018L);
        assertThat(segments.get(327712L)).isEqualTo(new ShmSegment(0, 327712, 32768, 13, 2855, 0, true));
        assertThat(segments.get(426018L)).isEqualTo(new ShmSegment(2146312, 426018, 56, 6, 11279, 101, false));
    }
}
