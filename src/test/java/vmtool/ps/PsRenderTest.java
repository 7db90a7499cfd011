package vmtool.ps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

import vmtool.JsonSchemaCheck;
import vmtool.programs.Executable;
import vmtool.programs.MemoryState;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.programs.Rollup;
import vmtool.programs.RollupField;
import vmtool.programs.UserNames;

/** What ps shows of a hand-made table: the layout, names that are not UTF-8, the width, JSON and CSV. */
class PsRenderTest {
    private static final UserNames USERS = UserNames.parse("root:x:0:0::/:/bin/sh\nalice:x:1000:1000::/:/bin/sh\n"
            .getBytes());

    static Rollup rollup(long rss, long pss, long privateKb, long swap) {
        Rollup.Builder builder = Rollup.builder();
        for (RollupField field : RollupField.values()) {
            if (field.required()) {
                builder.set(field, 0);
            }
        }
        builder.set(RollupField.RSS, rss);
        builder.set(RollupField.PSS, pss);
        builder.set(RollupField.PRIVATE_DIRTY, privateKb);
        builder.set(RollupField.SWAP, swap);
        builder.set(RollupField.SWAP_PSS, swap);
        return builder.build();
    }

    static ProcessSummary process(int pid, int ppid, int uid, String comm, String exe, String cmdline, Rollup rollup,
                                  int maps) {
        return new ProcessSummary(pid, ppid, uid, comm, Executable.ofLinkText(exe), cmdline, false, 'S', 0,
                MemoryState.READ, rollup, maps);
    }

    /** A browser of three processes (one re-parented to init), a shell, a hidden process and a kernel thread. */
    static ProcessTable table() {
        return new ProcessTable(List.of(
                process(1, 0, 0, "init", "/sbin/init", "/sbin/init\0", rollup(900, 300, 200, 0), 40),
                process(10, 1, 1000, "chromium", "/usr/lib/chromium/chromium", "chromium\0--x\0",
                        rollup(90000, 40000, 30000, 12), 800),
                process(11, 10, 1000, "chromium", "/usr/lib/chromium/chromium", "chromium\0--type=renderer\0",
                        rollup(70000, 20000, 15000, 0), 600),
                process(12, 1, 1000, "chrome_crashpad", "/usr/lib/chromium/chromium",
                        "chromium\0--type=crashpad-handler\0", rollup(5000, 1000, 800, 0), 90),
                // A name with a byte that is not UTF-8 and an escape sequence; a command line with a newline.
                process(20, 1, 1000, "\u00ff\u001b[31mred", "/tmp/\u00ff", "evil\0line\nbreak\0",
                        rollup(100, 50, 40, 0), 5),
                new ProcessSummary(30, 1, 0, "secret", Executable.DENIED, "secret\0", false, 'S', 0,
                        MemoryState.DENIED, Rollup.NONE, -1),
                new ProcessSummary(2, 0, 0, "kthreadd", Executable.NONE, "", true, 'S', 0, MemoryState.NO_MEMORY,
                        Rollup.NONE, -1)), 3);
    }

    static PsReport report(PsOptions.By by, boolean tree, PsOptions.Sort sort, boolean asRoot) {
        return PsReport.of(table(), new PsOptions(by, tree, sort, List.of(), List.of()), USERS, "/proc", false,
                asRoot);
    }

    @Test
    void aTableSortedByPssWithTotalsAndWhatIsNotShown() {
        String text = PsText.render(report(PsOptions.By.PROCESS, false, PsOptions.Sort.PSS, false), 0);

        assertThat(text).isEqualTo(""
                + "PID  USER   NAME             MAPS  SWAP    USS    PSS     RSS  COMMAND\n"
                + " 10  alice  chromium          800    12  30000  40000   90000  chromium --x\n"
                + " 11  alice  chromium          600     0  15000  20000   70000  chromium --type=renderer\n"
                + " 12  alice  chrome_crashpad    90     0    800   1000    5000  chromium --type=crashpad-handler\n"
                + "  1  root   init               40     0    200    300     900  /sbin/init\n"
                + " 20  alice  \\xff\\x1b[31mred     5     0     40     50     100  evil line\\x0abreak\n"
                + "  5  total                   1535    12  46040  61350  166000\n"
                + "run as root to see 1 more (a process whose memory the kernel shows only to its user or root)\n"
                + "3 processes exited while being read\n");
    }

    @Test
    void asRootADeniedProcessIsNamedNotBlamedOnPrivilege() {
        String text = PsText.render(report(PsOptions.By.PROCESS, false, PsOptions.Sort.PID, true), 0);

        assertThat(text).contains("1 process could not be read, even as root (permission denied): 30\n")
                .doesNotContain("run as root");
    }

    @Test
    void byProgramTheCrashHandlerIsWithTheBrowser() {
        String text = PsText.render(report(PsOptions.By.PROGRAM, false, PsOptions.Sort.PSS, false), 0);

        assertThat(text.lines().toList().subList(0, 2)).containsExactly(
                "PROCS  USER   PROGRAM                     MAPS  SWAP    USS    PSS     RSS",
                "    3  alice  /usr/lib/chromium/chromium  1490    12  45800  61000  165000");
    }

    @Test
    void byUserAndAsATree() {
        assertThat(PsText.render(report(PsOptions.By.USER, false, PsOptions.Sort.PSS, false), 0).lines().toList()
                .subList(0, 4)).containsExactly(
                "PROCS  USER   MAPS  SWAP    USS    PSS     RSS",
                "    4  alice  1495    12  45840  61050  165100",
                "    1  root     40     0    200    300     900",
                "    5  total  1535    12  46040  61350  166000");
        assertThat(PsText.render(report(PsOptions.By.PROCESS, true, PsOptions.Sort.PID, false), 0).lines()
                .toList().subList(1, 6)).extracting(line -> line.substring(0, 31)).containsExactly(
                "  1  root   init               ",
                " 10  alice    chromium         ",
                " 11  alice      chromium       ",
                " 12  alice    chrome_crashpad  ",
                " 20  alice    \\xff\\x1b[31mred  ");
    }

    @Test
    void onANarrowTerminalTheCommandIsCutAndColumnsGo() {
        String text = PsText.render(report(PsOptions.By.PROCESS, false, PsOptions.Sort.PSS, false), 60);

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(
                "PID  NAME               USS    PSS     RSS  COMMAND");
        assertThat(text).contains(" 12  chrome_crashpad    800   1000    5000  chromium --type\u2026\n")
                .contains("\n  5  total            46040  61350  166000\n")
                .contains("\nrun as root to see 1 more (a process whose memory the kernel\nshows only to its user or root)\n");
    }

    @Test
    void jsonCarriesBytesThatAreNotUtf8AsBase64AndFollowsItsSchema() {
        String json = PsJson.render(report(PsOptions.By.PROCESS, false, PsOptions.Sort.PID, false));

        JsonSchemaCheck.assertValid("ps", json);
        JsonObject object = JsonParser.parseString(json).getAsJsonObject();
        JsonObject odd = object.getAsJsonArray("rows").get(4).getAsJsonObject();
        assertThat(odd.get("pid").getAsInt()).isEqualTo(20);
        assertThat(odd.has("name")).isFalse();
        assertThat(odd.get("name_bytes").getAsString()).isEqualTo("/xtbMzFtcmVk");
        assertThat(odd.get("command_line").getAsString()).isEqualTo("evil line\nbreak");
        assertThat(odd.get("pss_anon_kb").isJsonNull()).isTrue();
        assertThat(object.get("exited_while_read").getAsInt()).isEqualTo(3);
        assertThat(object.get("without_memory").getAsInt()).isEqualTo(1);
        assertThat(object.getAsJsonArray("unreadable").get(0).getAsJsonObject().get("pid").getAsInt()).isEqualTo(30);
        for (PsOptions.By by : PsOptions.By.values()) {
            JsonSchemaCheck.assertValid("ps", PsJson.render(report(by, false, PsOptions.Sort.USER, true)));
        }
    }

    @Test
    void csvHasAHeaderAndTheKernelsBytes() {
        String csv = PsCsv.render(report(PsOptions.By.PROCESS, false, PsOptions.Sort.PID, false));

        assertThat(csv).startsWith("pid,ppid,user,name,executable,depth,mapping_count,uss_kb,rss_kb,pss_kb,");
        assertThat(csv).contains("\r\n20,1,alice,\u00ff\u001b[31mred,/tmp/\u00ff,0,5,40,100,50,,,,")
                .contains(",\"evil line\nbreak\"\r\n");
    }

    @Test
    void filtersTakeNamesAndUsersAndCountOnlyTheDeniedTheyTake() {
        PsReport report = PsReport.of(table(), new PsOptions(PsOptions.By.PROCESS, false, PsOptions.Sort.PID,
                List.of("chromium"), List.of(1000)), USERS, "/proc", false, false);

        assertThat(report.rows()).extracting(row -> row.process().pid()).containsExactly(10, 11, 12);
        assertThat(report.denied()).isEmpty();
        assertThat(PsReport.of(table(), new PsOptions(PsOptions.By.PROCESS, false, PsOptions.Sort.PID,
                List.of("secret"), List.of()), USERS, "/proc", false, false).denied()).hasSize(1);
    }
}
