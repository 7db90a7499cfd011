package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;
import vmtool.Unprivileged;
import vmtool.UnprivilegedVmtool;

/**
 * A program whose processes belong to two users, looked at by one of them (the unprivileged test user): the other's
 * processes are counted, with what would show them, never silently left out; by {@code anatomy --program},
 * {@code anatomy --tree}, {@code share PID} and {@code share --program}, as {@code ps} does (PsFamilyTest). The
 * program is a copy of src/test/c/family.c under a name of this test's own, so that no other test's processes run it.
 */
@Tag("slow")
class UnreadableProcessesTest {
    private static final String REMEDY = "run as root (or as their user)";

    @TempDir
    Path dir;

    private String name;
    private Path binary;

    @BeforeEach
    void copyTheProgram() throws Exception {
        Unprivileged.account();
        // The user must reach the program and its directories: the test's own directory is root's alone.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        binary = FamilyHelper.ownCopy(dir);
        name = binary.getFileName().toString();
    }

    private static String pids(List<Long> pids) {
        return pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** The pids of the processes table (under the selection line and the header, up to its total), in order. */
    private static List<Long> rows(String out) {
        List<Long> pids = new ArrayList<>();
        for (String line : out.lines().skip(2).toList()) {
            if (line.startsWith("total")) {
                break;
            }
            pids.add(Long.parseLong(line.strip().split("\\s+")[0]));
        }
        return pids;
    }

    @Test
    void anatomyOfAProgramCountsTheOtherUsersProcesses() throws Exception {
        Path owned = Unprivileged.ownedDirectory(dir, "theirs");
        try (FamilyHelper theirs = FamilyHelper.start(Unprivileged.asUser(), binary, 2, 64, 16, owned);
             FamilyHelper roots = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            UnprivilegedVmtool.Run run = UnprivilegedVmtool.run("anatomy", "--program", name);

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("program " + name + ": 3 processes\n");
            assertThat(rows(run.out())).containsExactlyElementsOf(theirs.pids().stream().sorted().toList());
            assertThat(run.out()).endsWith("skipped:\n  2 processes could not be read, not counted: "
                    + pids(roots.pids()) + "; " + REMEDY + " to see them\n");

            UnprivilegedVmtool.Run json = UnprivilegedVmtool.run("anatomy", "--json", "--program", name);
            assertThat(json.status()).as(json.err()).isZero();
            JsonSchemaCheck.assertValid("anatomy-program", json.out());
            JsonObject skipped = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonObject("skipped");
            assertThat(longs(skipped.getAsJsonArray("unreadable"))).containsExactlyElementsOf(
                    roots.pids().stream().sorted().toList());
            assertThat(skipped.get("remedy").getAsString()).isEqualTo(REMEDY);

            // Named by PID: read directly, not from a process table; the same count.
            UnprivilegedVmtool.Run pids = UnprivilegedVmtool.run("anatomy", Long.toString(theirs.pid()),
                    Long.toString(roots.pid()));
            assertThat(pids.status()).as(pids.err()).isZero();
            assertThat(rows(pids.out())).containsExactly(theirs.pid());
            assertThat(pids.out()).endsWith("skipped:\n  1 process could not be read, not counted: " + roots.pid()
                    + "; " + REMEDY + " to see it\n");
        }
    }

    @Test
    void anatomyOfAProgramNoneOfWhoseProcessesItMayReadIsStatusFourAndSaysWhy() throws Exception {
        try (FamilyHelper roots = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            UnprivilegedVmtool.Run run = UnprivilegedVmtool.run("anatomy", "--program", name);

            assertThat(run.status()).isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(run.out()).endsWith("skipped:\n  2 processes could not be read, not counted: "
                    + pids(roots.pids()) + "; " + REMEDY + " to see them\n");
            assertThat(run.err()).isEqualTo("vmtool anatomy: none of the processes could be read\n");
        }
    }

    /** A root shell whose child is the user's program: the tree is read but for the shell, which is counted. */
    @Test
    void anatomyOfATreeCountsTheProcessesOfAnotherUserInIt() throws Exception {
        Path owned = Unprivileged.ownedDirectory(dir, "tree");
        List<String> prefix = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\"; exit $?", "sh"));
        prefix.addAll(Unprivileged.asUser());
        try (FamilyHelper tree = FamilyHelper.start(prefix, binary, 2, 64, 16, owned)) {
            long shell = tree.pid();
            List<Long> theirs = new ArrayList<>(ProcessHandle.of(shell).orElseThrow().children()
                    .map(ProcessHandle::pid).toList());
            assertThat(theirs).hasSize(1);
            theirs.addAll(tree.children());

            UnprivilegedVmtool.Run run = UnprivilegedVmtool.run("anatomy", "--tree", Long.toString(shell));

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("tree of PID " + shell + ": 3 processes\n");
            assertThat(rows(run.out())).containsExactlyElementsOf(theirs.stream().sorted().toList());
            assertThat(run.out()).endsWith("skipped:\n  1 process could not be read, not counted: " + shell + "; "
                    + REMEDY + " to see it\n");
        }
    }

    /**
     * share of one of the user's processes: its program's other processes of root are among the others it may not
     * read, counted on the others' line; share of the program counts root's processes of it on a line of their own.
     */
    @Test
    void shareCountsTheProgramsProcessesItMayNotReadApartFromTheOthers() throws Exception {
        Path owned = Unprivileged.ownedDirectory(dir, "share");
        try (FamilyHelper theirs = FamilyHelper.start(Unprivileged.asUser(), binary, 1, 64, 16, owned);
             FamilyHelper roots = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            UnprivilegedVmtool.Run one = UnprivilegedVmtool.run("share", Long.toString(theirs.pid()));
            assertThat(one.status()).as(one.err()).isZero();
            List<String> lines = one.out().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last).matches("\\d+ other processes could not be read, not counted: .*; "
                    + REMEDY.replace("(", "\\(").replace(")", "\\)") + " to see them");
            assertThat(one.out()).doesNotContain("\n1 process could not be read").doesNotContain(
                    "\n2 processes could not be read");
            UnprivilegedVmtool.Run oneJson = UnprivilegedVmtool.run("share", "--json", Long.toString(theirs.pid()));
            JsonSchemaCheck.assertValid("share", oneJson.out());
            JsonObject json = JsonParser.parseString(oneJson.out()).getAsJsonObject();
            assertThat(longs(json.getAsJsonObject("skipped").getAsJsonArray("unreadable")))
                    .containsAll(roots.pids());
            assertThat(json.getAsJsonObject("targets_skipped").getAsJsonArray("unreadable")).isEmpty();

            UnprivilegedVmtool.Run program = UnprivilegedVmtool.run("share", "--program", name);
            assertThat(program.status()).as(program.err()).isZero();
            assertThat(program.out()).startsWith(theirs.pid() + ":   ");
            assertThat(program.out()).contains("\nprogram " + name + " shares ");
            assertThat(program.out()).contains("\n2 processes could not be read, not counted: " + pids(roots.pids())
                    + "; " + REMEDY + " to see them\n");
            assertThat(program.out().lines().filter(line -> line.contains("other processes could not be read")))
                    .hasSize(1);
        }
    }

    @Test
    void shareOfAProcessItMayNotReadIsOneLineAndStatusFour() throws Exception {
        try (FamilyHelper roots = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            UnprivilegedVmtool.Run run = UnprivilegedVmtool.run("share", Long.toString(roots.pid()));

            assertThat(run.status()).isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("vmtool share: cannot read the mappings of process " + roots.pid()
                    + ": permission denied; run as root (or as its user)\n");

            UnprivilegedVmtool.Run program = UnprivilegedVmtool.run("share", "--program", name);
            assertThat(program.status()).isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(program.out()).isEmpty();
            assertThat(program.err()).isEqualTo("vmtool share: none of the processes of program " + name
                    + " could be read: 2 processes could not be read, not counted: " + pids(roots.pids()) + "; "
                    + REMEDY + " to see them\n");
        }
    }

    private static List<Long> longs(JsonArray array) {
        List<Long> values = new ArrayList<>();
        for (JsonElement element : array) {
            values.add(element.getAsLong());
        }
        return values;
    }
}
