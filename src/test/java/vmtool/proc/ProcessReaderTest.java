package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.Rollup;
import vmtool.programs.RollupField;

/** The process table read from a hand-made /proc: every kind of process, and the ways a read ends. */
class ProcessReaderTest {
    static final String ROLLUP = "55d0c0a00000-7ffd1a9e5000 ---p 00000000 00:00 0                          [rollup]\n"
            + "Rss:                1832 kB\n"
            + "Pss:                 316 kB\n"
            + "Pss_Dirty:           112 kB\n"
            + "Pss_Anon:            112 kB\n"
            + "Pss_File:            204 kB\n"
            + "Pss_Shmem:             0 kB\n"
            + "Shared_Clean:       1572 kB\n"
            + "Shared_Dirty:          0 kB\n"
            + "Private_Clean:       148 kB\n"
            + "Private_Dirty:       112 kB\n"
            + "Referenced:         1832 kB\n"
            + "Anonymous:           112 kB\n"
            + "KSM:                   0 kB\n"
            + "LazyFree:              0 kB\n"
            + "AnonHugePages:         0 kB\n"
            + "ShmemPmdMapped:        0 kB\n"
            + "FilePmdMapped:         0 kB\n"
            + "Shared_Hugetlb:        0 kB\n"
            + "Private_Hugetlb:       0 kB\n"
            + "Swap:                 20 kB\n"
            + "SwapPss:              20 kB\n"
            + "Locked:                0 kB\n";

    @TempDir
    Path root;

    /** A stat line with this name, state, parent and flags (field 9). */
    static String stat(int pid, String comm, char state, int ppid, long flags) {
        return pid + " (" + comm + ") " + state + " " + ppid + " " + pid + " " + pid + " 0 -1 " + flags
                + " 101 0 0 0 0 0 0 0 20 0 1 0 903708 2990080 393 18446744073709551615 1 1 140733577975904 0 0 0 0"
                + " 0 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    static String status(String name, int uid) {
        return "Name:\t" + name + "\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1\nPPid:\t0\nUid:\t" + uid + "\t"
                + uid + "\t" + uid + "\t" + uid + "\nGid:\t0\t0\t0\t0\n";
    }

    void process(int pid, String comm, char state, int ppid, long flags, int uid, byte[] cmdline, String exe,
                 String rollup, int maps) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, comm, state, ppid, flags), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("status"), status(comm, uid));
        Files.write(dir.resolve("cmdline"), cmdline);
        if (exe != null) {
            Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        }
        if (rollup != null) {
            Files.writeString(dir.resolve("smaps_rollup"), rollup);
            Files.writeString(dir.resolve("maps"), "00400000-00401000 r--p 00000000 fe:00 1 /x\n".repeat(maps));
        }
    }

    @Test
    void everyKindOfProcess() throws Exception {
        byte[] latin = {'/', 'b', 'i', 'n', '/', 'c', 'a', 'f', (byte) 0xe9, 0, '-', 'x', 0};
        process(100, "caf\u00e9 (1)", 'S', 1, 0x400000, 1000, latin, "/usr/bin/caf\u00e9 (deleted)", ROLLUP, 3);
        process(2, "kthreadd", 'S', 0, 0x208040, 0, new byte[0], null, null, 0);
        process(300, "gone", 'Z', 100, 0x400000, 1000, new byte[0], null, null, 0);
        Files.createDirectories(root.resolve("self"));
        Files.createDirectories(root.resolve("sys"));
        // Listed, then gone before its status could be read.
        Files.createDirectories(root.resolve("400"));
        Files.writeString(root.resolve("400/stat"), stat(400, "brief", 'S', 1, 0));

        ProcessTable table = new ProcFs(root).processReader().table();

        assertThat(table.exited()).isEqualTo(1);
        assertThat(table.processes()).extracting(ProcessSummary::pid).containsExactly(2, 100, 300);
        ProcessSummary normal = table.process(100);
        assertThat(normal.comm()).isEqualTo("caf\u00c3\u00a9 (1)"); // the UTF-8 bytes, one char each
        assertThat(normal.ppid()).isEqualTo(1);
        assertThat(normal.uid()).isEqualTo(1000);
        assertThat(normal.cmdline()).isEqualTo(new String(latin, StandardCharsets.ISO_8859_1));
        assertThat(normal.commandLine()).isEqualTo("/bin/caf\u00e9 -x");
        assertThat(normal.executable()).isEqualTo(new Executable("/usr/bin/caf\u00c3\u00a9", true,
                Executable.State.READ));
        assertThat(normal.memory()).isEqualTo(MemoryState.READ);
        assertThat(normal.mappings()).isEqualTo(3);
        assertThat(normal.rollup().rssKb()).isEqualTo(1832);
        assertThat(normal.rollup().pssKb()).isEqualTo(316);
        assertThat(normal.rollup().ussKb()).isEqualTo(148 + 112);
        assertThat(normal.rollup().swapKb()).isEqualTo(20);
        assertThat(normal.rollup().kb(RollupField.SWAP_PSS)).hasValue(20);
        assertThat(normal.kernelThread()).isFalse();

        ProcessSummary kthread = table.process(2);
        assertThat(kthread.kernelThread()).isTrue();
        assertThat(kthread.memory()).isEqualTo(MemoryState.NO_MEMORY);
        assertThat(kthread.rollup()).isSameAs(Rollup.NONE);
        assertThat(kthread.executable()).isEqualTo(Executable.NONE);

        ProcessSummary zombie = table.process(300);
        assertThat(zombie.kernelThread()).isFalse();
        assertThat(zombie.memory()).isEqualTo(MemoryState.NO_MEMORY);
        assertThat(zombie.mappings()).isEqualTo(-1);
    }

    @Test
    void aProcessWhoseRollupIsEmptyIsExiting() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", "", 1);

        ProcessTable table = new ProcFs(root).processReader().table();

        assertThat(table.processes()).isEmpty();
        assertThat(table.exited()).isEqualTo(1);
    }

    @Test
    void aMalformedRollupNamesTheFileAndTheLine() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", ROLLUP.replace("Pss:", "Pss "), 1);

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .isInstanceOfSatisfying(ProcException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProcException.Kind.MALFORMED))
                .hasMessage(root.resolve("100/smaps_rollup") + ": line 3: expected 'Key: N kB'");
    }

    @Test
    void aRollupWithoutARequiredKeyIsMalformed() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", ROLLUP.replace("Private_Dirty:       112 kB\n", ""),
                1);

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .hasMessage(root.resolve("100/smaps_rollup") + ": line 22: no Private_Dirty line");
    }

    @Test
    void statusWithoutUidIsMalformed() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", ROLLUP, 1);
        Files.writeString(root.resolve("100/status"), "Name:\tx\nState:\tS\n");

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .hasMessage(root.resolve("100/status") + ": line 3: no Uid line");
    }

    @Test
    void rollupKeysInAnotherOrderAndKeysOfANewerKernelAreRead() throws Exception {
        // Swap first, Rss last, a key this vmtool does not know between them: each value under its own key.
        String reordered = ROLLUP.substring(0, ROLLUP.indexOf('\n') + 1) + "Swap:                 20 kB\n"
                + "Future_Field:          5 kB\n"
                + ROLLUP.substring(ROLLUP.indexOf('\n') + 1).replace("Swap:                 20 kB\n", "")
                .replace("Rss:                1832 kB\n", "") + "Rss:                1832 kB\n";
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", reordered, 1);

        Rollup rollup = new ProcFs(root).processReader().table().process(100).rollup();

        assertThat(rollup.rssKb()).isEqualTo(1832);
        assertThat(rollup.pssKb()).isEqualTo(316);
        assertThat(rollup.ussKb()).isEqualTo(148 + 112);
        assertThat(rollup.swapKb()).isEqualTo(20);
        assertThat(rollup.kb(RollupField.SWAP_PSS)).hasValue(20);
        assertThat(rollup.kb(RollupField.PSS_FILE)).hasValue(204);
        assertThat(rollup.kb(RollupField.LOCKED)).hasValue(0);
    }

    @Test
    void aRollupKeyTwiceIsMalformed() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", ROLLUP + "Rss:                   1 kB\n", 1);

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .hasMessage(root.resolve("100/smaps_rollup") + ": line 24: Rss a second time");
    }

    @Test
    void anEffectiveUidBeyond32BitsIsMalformed() throws Exception {
        process(100, "x", 'S', 1, 0, 0, new byte[0], "/x", ROLLUP, 1);
        Files.writeString(root.resolve("100/status"), "Name:\tx\nUid:\t0\t4294967296\t0\t0\n");

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .hasMessage(root.resolve("100/status") + ": line 2: the Uid line has no effective uid");
        Files.writeString(root.resolve("100/status"), "Name:\tx\nUid:\t0\t4294967295\t0\t0\n");
        assertThat(new ProcFs(root).processReader().table().process(100).uid()).isEqualTo(-1);
    }

    @Test
    void manyProcessesAreEachReadIntoTheirOwnRow() throws Exception {
        // Every third one exits before its status is read; every other one's memory is wanted.
        int exited = 0;
        for (int pid = 1000; pid < 1060; pid++) {
            if (pid % 3 == 0) {
                Files.createDirectories(root.resolve(Integer.toString(pid)));
                Files.writeString(root.resolve(pid + "/stat"), stat(pid, "gone", 'S', 1, 0));
                exited++;
                continue;
            }
            process(pid, "p" + pid, 'S', pid - 1, 0, pid, ("/bin/p" + pid + "\0").getBytes(StandardCharsets.UTF_8),
                    "/bin/p" + pid, ROLLUP.replace("1832", Integer.toString(pid)), pid % 7 + 1);
        }

        ProcessTable table = new ProcFs(root).processReader().table(p -> p.pid() % 2 == 0);

        assertThat(table.exited()).isEqualTo(exited);
        assertThat(table.processes()).hasSize(60 - exited);
        for (ProcessSummary process : table.processes()) {
            int pid = process.pid();
            assertThat(process.comm()).isEqualTo("p" + pid);
            assertThat(process.ppid()).isEqualTo(pid - 1);
            assertThat(process.uid()).isEqualTo(pid);
            assertThat(process.executable().path()).isEqualTo("/bin/p" + pid);
            if (pid % 2 == 0) {
                assertThat(process.memory()).isEqualTo(MemoryState.READ);
                assertThat(process.rollup().rssKb()).isEqualTo(pid);
                assertThat(process.mappings()).isEqualTo(pid % 7 + 1);
                assertThat(process.commandLine()).isEqualTo("/bin/p" + pid);
            } else {
                assertThat(process.memory()).isEqualTo(MemoryState.SKIPPED);
                assertThat(process.cmdline()).isEmpty();
            }
        }
    }

    @Test
    void ofSeveralMalformedProcessesTheFirstListedIsTheOneSaid() throws Exception {
        for (int pid = 1000; pid < 1040; pid++) {
            process(pid, "p", 'S', 1, 0, 0, new byte[0], "/p", ROLLUP, 1);
        }
        for (int pid : new int[] {1015, 1035}) {
            Files.writeString(root.resolve(pid + "/stat"), pid + " (p) S\n");
        }
        int first = 0;
        for (int pid : new ProcFs(root).processIds()) {
            if (pid == 1015 || pid == 1035) {
                first = pid;
                break;
            }
        }

        assertThatThrownBy(() -> new ProcFs(root).processReader().table())
                .hasMessage(root.resolve(first + "/stat") + ": fewer fields than expected");
    }

    @Test
    void theListingTakesOnlyNumbers() throws Exception {
        for (String name : List.of("self", "1x", "0", "99999999999", "thread-self")) {
            Files.createDirectories(root.resolve(name));
        }
        Files.createDirectories(root.resolve("12"));

        assertThat(new ProcFs(root).processIds()).containsExactly(12);
    }
}
