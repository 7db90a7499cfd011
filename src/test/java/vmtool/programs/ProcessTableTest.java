package vmtool.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Selecting from a table: a program's processes wherever they are, a process and its descendants, by id. */
class ProcessTableTest {
    static ProcessSummary process(int pid, int ppid, String comm, String exe) {
        return new ProcessSummary(pid, ppid, 1000, comm, exe == null ? Executable.DENIED : Executable.ofLinkText(exe),
                comm + "\0", false, 'S', 0, MemoryState.DENIED, Rollup.NONE, -1);
    }

    static final List<ProcessSummary> BROWSER = List.of(
            process(1, 0, "init", "/sbin/init"),
            process(10, 1, "chromium", "/usr/lib/chromium/chromium"),
            process(11, 10, "chromium", "/usr/lib/chromium/chromium"),
            process(12, 11, "chromium", "/usr/lib/chromium/chromium"),
            // A crash handler: re-parented to init, with a kernel name cut to 15 bytes.
            process(13, 1, "chrome_crashpad", "/usr/lib/chromium/chromium"),
            process(14, 10, "cat", "/usr/bin/cat (deleted)"),
            process(20, 1, "other", null),
            new ProcessSummary(2, 0, 0, "chromium", Executable.NONE, "", true, 'S', 0, MemoryState.NO_MEMORY,
                    Rollup.NONE, -1));

    @Test
    void aProgramIsFoundByItsPathItsBaseNameOrItsKernelName() {
        ProcessTable table = new ProcessTable(BROWSER, 0);

        assertThat(table.program("chromium")).extracting(ProcessSummary::pid).containsExactly(10, 11, 12, 13);
        assertThat(table.program("/usr/lib/chromium/chromium")).extracting(ProcessSummary::pid)
                .containsExactly(10, 11, 12, 13);
        assertThat(table.program("chrome_crashpad")).extracting(ProcessSummary::pid).containsExactly(13);
        assertThat(table.program("cat")).extracting(ProcessSummary::pid).containsExactly(14);
        assertThat(table.program("other")).extracting(ProcessSummary::pid).containsExactly(20);
        assertThat(table.program("/usr/lib/chromium")).isEmpty();
        assertThat(table.program("")).isEmpty();
    }

    @Test
    void aTreeIsTheProcessAndItsDescendantsParentsFirst() {
        ProcessTable table = new ProcessTable(BROWSER, 0);

        assertThat(table.tree(10)).extracting(ProcessSummary::pid).containsExactly(10, 11, 12, 14);
        assertThat(table.tree(1)).extracting(ProcessSummary::pid).containsExactly(1, 10, 11, 12, 14, 13, 20);
        assertThat(table.tree(99)).isEmpty();
    }

    @Test
    void aCycleOfParentsEndsTheWalk() {
        ProcessTable table = new ProcessTable(List.of(process(5, 6, "a", "/a"), process(6, 5, "b", "/b"),
                process(7, 7, "c", "/c")), 0);

        assertThat(table.tree(5)).extracting(ProcessSummary::pid).containsExactly(5, 6);
        assertThat(table.tree(7)).extracting(ProcessSummary::pid).containsExactly(7);
    }

    @Test
    void pidsInTheOrderGivenEachOnceWithTheMissingOnesSaid() {
        ProcessTable table = new ProcessTable(BROWSER, 2);
        List<Integer> missing = new ArrayList<>();

        assertThat(table.pids(new int[] {12, 99, 1, 12}, missing)).extracting(ProcessSummary::pid)
                .containsExactly(12, 1);
        assertThat(missing).containsExactly(99);
        assertThat(table.exited()).isEqualTo(2);
    }

    @Test
    void groupsByProgramTakeTheCrashHandlerWithTheBrowser() {
        List<Group> groups = Group.byProgram(BROWSER);

        assertThat(groups).extracting(Group::label).containsExactly("/sbin/init", "/usr/lib/chromium/chromium",
                "/usr/bin/cat", "other", "chromium");
        assertThat(groups.get(1).processes()).extracting(ProcessSummary::pid).containsExactly(10, 11, 12, 13);
    }

    @Test
    void userNamesFromPasswdAndNumbersForTheRest() {
        UserNames names = UserNames.parse(("root:x:0:0:root:/root:/bin/bash\n# comment\nbad line\n"
                + "vmtool-tester:x:1001:1001::/home/t:/bin/sh\nnobody:x:65534:65534::/:/bin/false").getBytes());

        assertThat(names.name(0)).isEqualTo("root");
        assertThat(names.name(1001)).isEqualTo("vmtool-tester");
        assertThat(names.name(65534)).isEqualTo("nobody");
        assertThat(names.name(4242)).isEqualTo("4242");
        assertThat(names.name(ProcessSummary.UNKNOWN_UID)).isEqualTo("?");
        assertThat(names.uid("vmtool-tester")).isEqualTo(1001);
        assertThat(names.uid("4242")).isEqualTo(4242);
        assertThat(names.uid("nosuch")).isEqualTo(-1);
    }

    @Test
    void totalsAddOnlyWhatWasRead() {
        Rollup.Builder builder = Rollup.builder();
        for (RollupField field : RollupField.values()) {
            if (field.required()) {
                builder.set(field, 10);
            }
        }
        builder.set(RollupField.PSS_ANON, 3);
        Rollup rollup = builder.build();
        ProcessSummary read = new ProcessSummary(1, 0, 0, "a", Executable.NONE, "", false, 'S', 0, MemoryState.READ,
                rollup, 4);
        ProcessSummary read2 = new ProcessSummary(2, 0, 0, "a", Executable.NONE, "", false, 'S', 0,
                MemoryState.READ, Rollup.NONE, 6);

        Totals totals = Totals.of(List.of(read, read2, BROWSER.get(1)));

        assertThat(totals.processes()).isEqualTo(2);
        assertThat(totals.mappings()).isEqualTo(10);
        assertThat(totals.rollup().pssKb()).isEqualTo(10);
        assertThat(totals.rollup().ussKb()).isEqualTo(20);
        assertThat(totals.rollup().kb(RollupField.PSS_ANON)).isEmpty();
        assertThat(RollupField.PSS_ANON.jsonName()).isEqualTo("pss_anon_kb");
        assertThat(RollupField.ANON_HUGE_PAGES.jsonName()).isEqualTo("anon_huge_pages_kb");
        assertThat(RollupField.SWAP_PSS.jsonName()).isEqualTo("swap_pss_kb");
    }
}
