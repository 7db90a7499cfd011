package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.model.Mapping;
import vmtool.model.SmapsFields;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;

/** ProcFs over a fake /proc: the captured `/usr/bin/sleep 100001` of a 6.18 kernel, and hand-made directories. */
class ProcFsTest {
    /** The stat line of the captured process, after its ")". */
    private static final String STAT_REST = " S 20900 20898 19419 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 903708 2990080"
            + " 393 18446744073709551615 94363304013824 94363304031753 140733577975904 0 0 0 0 0 0 1 0 0 17 0 0 0 0 0"
            + " 0 94363304045840 94363304047104 94363676663808 140733577984735 140733577984748 140733577984748"
            + " 140733577986025 0\n";

    @TempDir
    Path root;

    static Path fixtureRoot() {
        return vmtool.Fixture.PROC;
    }

    @Test
    void processOfTheFixture() throws Exception {
        Optional<ProcessInfo> process = new ProcFs(fixtureRoot()).process(32436);

        assertThat(process).contains(new ProcessInfo(32436, 32436, "/usr/bin/sleep\0" + "100001\0", "sleep", 'S',
                140735148469744L));
    }

    @Test
    void mappingsOfTheFixtureFromSmapsAndFromMaps() throws Exception {
        ProcFs procFs = new ProcFs(fixtureRoot());

        List<Mapping> withFields = procFs.mappings(32436, true);
        List<Mapping> without = procFs.mappings(32436, false);

        assertThat(withFields).hasSize(24);
        assertThat(withFields.get(0).fields().size()).isEqualTo(24);
        assertThat(without).hasSize(24).allSatisfy(m -> assertThat(m.fields()).isSameAs(SmapsFields.none()));
    }

    @Test
    void catchesSignalReadsSigCgtAndSigIgn() throws Exception {
        Files.createDirectories(root.resolve("7"));
        // A JVM's masks: SIGQUIT (3, bit 2) caught; SIGPIPE (13) ignored.
        Files.writeString(root.resolve("7/status"), "Name:\tjava\nSigIgn:\t0000000000001000\n"
                + "SigCgt:\t0000000101005ccd\n");
        Files.createDirectories(root.resolve("8"));
        Files.writeString(root.resolve("8/status"), "SigIgn:\t0000000000000004\nSigCgt:\t0000000000000004\n");
        Files.createDirectories(root.resolve("9"));
        Files.writeString(root.resolve("9/status"), "SigIgn:\t0000000000000000\nSigCgt:\tzz\n");
        ProcFs procFs = new ProcFs(root);

        assertThat(procFs.catchesSignal(7, 3)).isTrue();
        assertThat(procFs.catchesSignal(7, 13)).isFalse();
        assertThat(procFs.catchesSignal(7, 2)).isFalse();
        assertThat(procFs.catchesSignal(8, 3)).as("caught but ignored").isFalse();
        assertThatThrownBy(() -> procFs.catchesSignal(9, 3)).isInstanceOf(ProcException.class)
                .hasMessageContaining("SigCgt is not a hex mask: zz");
        assertThat(new ProcFs(fixtureRoot()).catchesSignal(32436, 3)).as("sleep").isFalse();
    }

    @Test
    void selfEffectiveUidIsTheSecondUid() throws Exception {
        Files.createDirectories(root.resolve("self"));
        Files.writeString(root.resolve("self/status"), "Name:\tvmtool\nUid:\t1000\t0\t0\t0\n");

        assertThat(new ProcFs(root).selfEffectiveUid()).isZero();
        assertThat(ProcFs.system().selfEffectiveUid()).isEqualTo(
                (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Test
    void statusField() throws Exception {
        assertThat(new ProcFs(fixtureRoot()).statusField(32436, "VmRSS")).contains("1444 kB");
        assertThat(new ProcFs(fixtureRoot()).statusField(32436, "NoSuchKey")).isEmpty();
    }

    @Test
    void aMissingProcessIsEmptyNotAnError() throws Exception {
        assertThat(new ProcFs(root).process(12345)).isEmpty();
    }

    @Test
    void aThreadIsReadAsItsProcess() throws Exception {
        write("101/stat", "101 (worker)" + STAT_REST);
        write("101/status", "Name:\tworker\nTgid:\t100\nPid:\t101\n");
        write("101/cmdline", "app\0");

        ProcessInfo thread = new ProcFs(root).process(101).orElseThrow();

        assertThat(thread.pid()).isEqualTo(101);
        assertThat(thread.tgid()).isEqualTo(100);
    }

    @Test
    void commWithParenthesesAndBlanksAndAZombieWithoutCmdline() throws Exception {
        write("7/stat", "7 (a) b (c)) Z" + STAT_REST.substring(2));
        write("7/status", "Name:\ta) b (c)\nTgid:\t7\n");

        ProcessInfo zombie = new ProcFs(root).process(7).orElseThrow();

        assertThat(zombie.comm()).isEqualTo("a) b (c)");
        assertThat(zombie.state()).isEqualTo('Z');
        assertThat(zombie.cmdline()).isEmpty();
        assertThat(zombie.startStack()).isEqualTo(140733577975904L);
    }

    @Test
    void statWithoutEnoughFieldsIsMalformed() throws Exception {
        write("8/stat", "8 (short) S 1 2 3\n");
        write("8/status", "Tgid:\t8\n");

        assertThatThrownBy(() -> new ProcFs(root).process(8))
                .isInstanceOfSatisfying(ProcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProcException.Kind.MALFORMED);
                    assertThat(e.path()).isEqualTo(root.resolve("8/stat"));
                });
    }

    @Test
    void malformedSmapsSaysWhichFileAndLine() throws Exception {
        write("9/smaps", "00400000-00401000 ---p 00000000 00:00 0 \nSize:   lots\n");

        assertThatThrownBy(() -> new ProcFs(root).mappings(9, true))
                .isInstanceOfSatisfying(ProcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProcException.Kind.MALFORMED);
                    assertThat(e.path()).isEqualTo(root.resolve("9/smaps"));
                    assertThat(e.getMessage()).contains(root.resolve("9/smaps").toString()).contains("line 2");
                });
    }

    @Test
    void missingSmapsIsGone() throws Exception {
        Files.createDirectories(root.resolve("10"));

        assertThatThrownBy(() -> new ProcFs(root).mappings(10, true))
                .isInstanceOfSatisfying(ProcException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProcException.Kind.GONE));
    }

    @Test
    void smapsLargerThanOneReadBuffer() throws Exception {
        StringBuilder text = new StringBuilder();
        for (long i = 0; i < 5000; i++) {
            text.append(String.format("%012x-%012x rw-p 00000000 00:00 0 \n", 0x7f0000000000L + i * 4096,
                    0x7f0000001000L + i * 4096));
            text.append("Size:                  4 kB\nRss:                   4 kB\nVmFlags: rd wr mr mw me ac \n");
        }
        write("11/smaps", text.toString());

        List<Mapping> mappings = new ProcFs(root).mappings(11, true);

        assertThat(mappings).hasSize(5000);
        assertThat(mappings.get(4999).start()).isEqualTo(0x7f0000000000L + 4999 * 4096L);
    }

    @Test
    void factsOfAProcessWithThreads() throws Exception {
        write("300/task/300/syscall", "7 0x7ffd1 0x1 0x0 0x0 0x0 0x0 0x7ffd00000100 0x7f0000000010\n");
        write("300/task/300/comm", "main\n");
        write("300/task/302/syscall", "230 0x0 0x0 0x7f0005800e00 0x0 0x0 0x0 0x7f0005800d80 0x7f00000a2b3c\n");
        write("300/task/302/comm", "worker two\n");
        write("300/task/301/syscall", "-1 0x7f0004fffe00 0x7f00000a2b3c\n");
        write("300/task/301/comm", "pager\n");
        write("300/task/303/syscall", "running\n");
        write("300/task/303/comm", "busy\n");
        // A syscall file that cannot be read (here a directory; for another user's thread, EACCES or EPERM).
        Files.createDirectories(root.resolve("300/task/304/syscall"));
        write("300/task/304/comm", "hidden\n");
        Files.createSymbolicLink(root.resolve("300/exe"), Path.of("/opt/demo/bin/demo (deleted)"));
        ProcessInfo process = new ProcessInfo(300, 300, "demo\0", "demo", 'S', 0x7ffd00020f00L);

        ProcessFacts facts = new ProcFs(root).facts(process);

        assertThat(facts.executable()).isEqualTo("/opt/demo/bin/demo");
        assertThat(facts.threads()).containsExactly(
                new ProcessFacts.ThreadStack(301, "pager", 0x7f0004fffe00L),
                new ProcessFacts.ThreadStack(302, "worker two", 0x7f0005800d80L));
        // Read again a few times, running each time: its stack pointer is not known, and it is said.
        assertThat(facts.unplaced()).containsExactly(
                new ProcessFacts.UnplacedThread(303, "busy", ProcessFacts.Unplaced.RUNNING));
        assertThat(facts.jvmRegions()).isEmpty();
    }

    @Test
    void aKernelThreadIsToldByItsStatFlags() throws Exception {
        // kthreadd's stat on 6.18: flags 0x208040, PF_KTHREAD (0x200000) among them.
        write("2/stat", "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 18 0 0 18446744073709551615 0 0"
                + " 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        write("2/status", "Name:\tkthreadd\nTgid:\t2\n");
        write("100/stat", "100 (app)" + STAT_REST);
        write("100/status", "Tgid:\t100\n");

        ProcessInfo kthreadd = new ProcFs(root).process(2).orElseThrow();

        assertThat(kthreadd.kernelThread()).isTrue();
        assertThat(kthreadd.kernelThreadLine()).isEqualTo("process 2 [kthreadd] is a kernel thread: it has no user"
                + " address space, so no mappings to show");
        assertThat(new ProcFs(root).process(100).orElseThrow().kernelThread()).isFalse();
    }

    @Test
    void factsWithoutExecutableOrTaskDirectoryAreEmpty() throws Exception {
        Files.createDirectories(root.resolve("400"));
        ProcessInfo process = new ProcessInfo(400, 400, "", "kthread", 'S', 0);

        ProcessFacts facts = new ProcFs(root).facts(process);

        assertThat(facts.executable()).isEmpty();
        assertThat(facts.threads()).isEmpty();
    }

    @Test
    void stackPointerOfSyscallLines() {
        assertThat(ThreadStacks.parseStackPointer("0 0x3 0x7ffc 0x2000 0x0 0x0 0x0 0x7ffc5a1b2c30 0x7f1e2d3c4b5a"))
                .isEqualTo(0x7ffc5a1b2c30L);
        assertThat(ThreadStacks.parseStackPointer("-1 0x7ffc5a1b2c30 0x7f1e2d3c4b5a")).isEqualTo(0x7ffc5a1b2c30L);
        assertThat(ThreadStacks.parseStackPointer("running")).isZero();
        assertThat(ThreadStacks.parseStackPointer("")).isZero();
        assertThat(ThreadStacks.parseStackPointer("1 2 zz 0x1")).isZero();
    }

    @Test
    void factsOfThisJvmFindItsThreadsAndExecutable() throws Exception {
        ProcFs procFs = ProcFs.system();
        ProcessInfo self = procFs.process((int) ProcessHandle.current().pid()).orElseThrow();

        ProcessFacts facts = procFs.facts(self);

        assertThat(facts.executable()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java")
                .toRealPath().toString());
        // The JVM's own threads (Reference Handler, Finalizer...) wait in futex: each has a stack pointer.
        assertThat(facts.threads()).extracting(ProcessFacts.ThreadStack::name).contains("Reference Handl");
        assertThat(facts.threads()).noneMatch(t -> t.tid() == self.pid());
    }

    /**
     * The image's base is the lowest mapping with offset 0 of the file's run of mappings that ends with the last:
     * a one-page library has several such (Firefox's libmozgtk.so), and the nearest is not the base; an
     * inaccessible gap between the loader's mappings joins the run; another file, or the same file mapped again after
     * a gap of memory, ends it.
     */
    @Test
    void theImageBaseIsTheLowestOffsetZeroMappingOfTheRun() throws Exception {
        String maps = "7f0000000000-7f0000001000 r--p 00000000 fe:00 77 /opt/lib/libone.so\n"
                + "7f0000010000-7f0000011000 r--p 00000000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000011000-7f0000012000 r-xp 00000000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000012000-7f0000013000 ---p 00000000 00:00 0 \n"
                + "7f0000013000-7f0000014000 r--p 00000000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000014000-7f0000015000 rw-p 00000000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000015000-7f0000016000 rw-p 00000000 00:00 0 \n"
                + "7f0000016000-7f0000017000 r--p 00000000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000017000-7f0000018000 rw-p 00001000 fe:00 42 /opt/lib/libsmall.so\n"
                + "7f0000020000-7f0000021000 rw-p 00002000 fe:00 77 /opt/lib/libone.so\n";
        byte[] text = maps.getBytes(StandardCharsets.ISO_8859_1);
        List<Mapping> mappings = SmapsParser.parse(text, text.length, "maps");

        assertThat(ProcFs.imageBase(mappings, 4).start()).isEqualTo(0x7f0000010000L);
        // After anonymous memory the same file begins a run of its own.
        assertThat(ProcFs.imageBase(mappings, 8).start()).isEqualTo(0x7f0000016000L);
        // Not adjoining its offset-0 mapping: no base known.
        assertThat(ProcFs.imageBase(mappings, 9)).isNull();
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
