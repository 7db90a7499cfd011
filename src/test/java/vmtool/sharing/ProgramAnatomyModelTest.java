package vmtool.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.model.ShmSegment;
import vmtool.proc.SmapsParser;

/**
 * The model alone, on smaps text: sums by process and kind, and objects matched by device and inode (not by name),
 * a System V segment's size from its table, each object's processes in order.
 */
class ProgramAnatomyModelTest {
    /** A mapping of smaps with these sizes (kB). */
    private static String mapping(String line, int size, int rss, int pss, int privateClean, int privateDirty) {
        return line + "\nSize: " + size + " kB\nRss: " + rss + " kB\nPss: " + pss + " kB\nShared_Clean: 0 kB\n"
                + "Shared_Dirty: " + (rss - privateClean - privateDirty) + " kB\nPrivate_Clean: " + privateClean
                + " kB\nPrivate_Dirty: " + privateDirty + " kB\nSwap: 0 kB\n";
    }

    private static AddressSpace space(int pid, String comm, String... mappings) throws Exception {
        byte[] text = String.join("", mappings).getBytes(StandardCharsets.ISO_8859_1);
        return AddressSpace.of(new ProcessInfo(pid, pid, comm + "\0", comm, 'S', 0), "test", true,
                SmapsParser.parse(text, "test"), ProcessFacts.NONE);
    }

    @Test
    void sumsAndObjectsByDeviceAndInode() throws Exception {
        String memfd = "7f0000000000-7f0000008000 rw-s 00000000 00:01 2048 /memfd:pool (deleted)";
        String sysv = "7f0000010000-7f0000012000 rw-s 00000000 00:01 7 /SYSV00000000 (deleted)";
        String anon = "7f0000020000-7f0000030000 rw-p 00000000 00:00 0";
        // The same path on two inodes (the file was replaced between the two starts): two objects.
        String oldFile = "7f0000040000-7f0000041000 r--p 00000000 fe:00 100 /data/table";
        String newFile = "7f0000040000-7f0000041000 r--p 00000000 fe:00 101 /data/table";
        AddressSpace a = space(10, "app", mapping(memfd, 32, 32, 16, 0, 0), mapping(sysv, 8, 8, 4, 0, 0),
                mapping(anon, 64, 40, 40, 0, 40), mapping(oldFile, 4, 4, 4, 4, 0));
        AddressSpace b = space(11, "app", mapping(memfd.replace("7f00000", "7f10000"), 32, 32, 16, 0, 0),
                mapping(sysv.replace("7f00000", "7f10000"), 8, 8, 4, 0, 0), mapping(newFile, 4, 4, 4, 4, 0));
        Map<Long, ShmSegment> segments = Map.of(7L, new ShmSegment(0, 7, 16384, 2, 10, 0, true));
        ProgramAnatomy anatomy = ProgramAnatomy.of("PIDs 10 11", "test", true, List.of(a, b), segments,
                Skipped.NONE);

        assertThat(anatomy.processes()).extracting(m -> m.sums()).containsExactly(
                new Sums(4, 108, 84, 64, 44, 0), new Sums(3, 44, 44, 24, 4, 0));
        assertThat(anatomy.total()).isEqualTo(new Sums(7, 152, 128, 88, 48, 0));
        assertThat(anatomy.kinds()).extracting(ProgramAnatomy.KindRow::kind).containsExactly(MappingKind.ANONYMOUS,
                MappingKind.SYSV_SHM, MappingKind.MEMFD, MappingKind.FILE);

        List<ProgramAnatomy.SharedObject> shared = anatomy.sharedObjects();
        assertThat(shared).extracting(ProgramAnatomy.SharedObject::kind).containsExactly(MappingKind.MEMFD,
                MappingKind.SYSV_SHM);
        ProgramAnatomy.SharedObject pool = shared.get(0);
        assertThat(pool.key()).isEqualTo(new ObjectKey(0, 1, 2048));
        assertThat(pool.sums()).isEqualTo(new Sums(2, 64, 64, 32, 0, 0));
        assertThat(pool.sizeKb()).isEqualTo(32);
        assertThat(pool.users()).extracting(ProgramAnatomy.User::pid).containsExactly(10, 11);
        // The segment's size is the table's (16 kB), not what the processes map of it (8 kB).
        assertThat(shared.get(1).sizeKb()).isEqualTo(16);
        assertThat(shared.get(1).segment()).isNotNull();
        // Two objects named /data/table, each mapped by one process; anonymous memory is no object.
        assertThat(anatomy.objects()).hasSize(4);
        assertThat(anatomy.objects()).filteredOn(o -> o.name().equals("/data/table")).hasSize(2)
                .allMatch(o -> o.users().size() == 1);
    }

    @Test
    void skippedSaysWhatWouldShowTheUnreadable() {
        Skipped skipped = new Skipped(List.of(5), List.of(1, 2), "run as root (or as their user)");
        assertThat(skipped.lines()).containsExactly(
                "1 process gone (exited before or while being read), skipped: 5",
                "2 processes could not be read, not counted: 1 2; run as root (or as their user) to see them");
        assertThat(Skipped.NONE.lines()).isEmpty();
    }
}
