package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.ChildVmtool;
import vmtool.Fixture;
import vmtool.Unprivileged;

/**
 * Threads that never wait (src/test/c/busy.c): the kernel gives no stack pointer for them, so their stacks are
 * told by pthread's layout when that is unambiguous, and otherwise every output says how many could not be placed.
 * And a process of the user's own that made itself not dumpable, read by that user: the reason says so.
 */
@Timeout(120)
class BusyThreadsTest {
    private static final Path SOURCE = Path.of("src/test/c/busy.c");

    /** A thread the helper started, and its stack as pthread gives it (guard excluded). */
    record Started(int tid, String name, long start, long end) {
    }

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** busy.c with these arguments, after {@code prefix}; its threads once it has printed them. */
    private List<Started> start(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(AnatomyHelper.compile(SOURCE, "busy-helper").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(process);
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        assertThat(reader.readLine()).isEqualTo("ready");
        List<Started> threads = new ArrayList<>();
        for (String line = reader.readLine(); line != null && !line.equals("end"); line = reader.readLine()) {
            String[] words = line.split(" ");
            threads.add(new Started(Integer.parseInt(words[1]), words[2], Long.parseUnsignedLong(words[3], 16),
                    Long.parseUnsignedLong(words[4], 16)));
        }
        untilTheOthersWait(process.pid());
        return threads;
    }

    /**
     * Past the barrier, the threads that block (and the main thread) are runnable until the scheduler lets them
     * reach their read: on a busy machine, long enough for vmtool to count them running. Waits until every thread
     * but the spinners sleeps, as the tests mean them to.
     */
    private static void untilTheOthersWait(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            boolean allWait = true;
            try (var list = Files.list(tasks)) {
                for (Path task : list.toList()) {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    allWait &= comm.startsWith("spinner") || state == 'S';
                }
            }
            if (allWait || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private long pid() {
        return processes.get(processes.size() - 1).pid();
    }

    @Test
    void twoSpinningThreadsStacksAreToldByTheirLayoutAndSaidToBe() throws Exception {
        List<Started> threads = start(List.of(), "2");
        String pid = Long.toString(pid());

        CommandRun json = CommandRun.of("anatomy", "--json", pid);

        assertThat(json.status()).as(json.err()).isZero();
        JsonObject anatomy = JsonParser.parseString(json.out()).getAsJsonObject();
        List<String> stacks = new ArrayList<>();
        for (JsonElement stack : anatomy.getAsJsonArray("stacks")) {
            JsonObject object = stack.getAsJsonObject();
            stacks.add(object.get("start").getAsString() + "-" + object.get("end").getAsString() + " "
                    + object.get("kind").getAsString() + " " + object.get("guard_kb").getAsLong());
        }
        for (Started thread : threads) {
            assertThat(stacks).as(thread.name()).contains("0x" + Long.toHexString(thread.start()) + "-0x"
                    + Long.toHexString(thread.end()) + " thread-stack 4");
        }
        String spinners = "2 threads were running (TID " + threads.get(0).tid() + " spinner0, TID "
                + threads.get(1).tid() + " spinner1)";
        assertThat(anatomy.getAsJsonArray("notes").toString()).contains(spinners)
                .contains("so which stack is whose is not known");
        assertThat(CommandRun.of("anatomy", pid).out()).contains("notes:\n  " + spinners);
    }

    @Test
    void aStackThatCouldBeAnEndedThreadsPlacesNoneAndEveryOutputSaysSo() throws Exception {
        List<Started> threads = start(List.of(), "1", "ended");
        Started spinner = threads.get(0);
        String pid = Long.toString(pid());
        String note = "note: 1 thread was running (TID " + spinner.tid() + " spinner0): the kernel gives a thread's"
                + " stack pointer only while it waits; its stack could not be placed";
        String inStack = Long.toHexString(spinner.end() - 64);

        CommandRun text = CommandRun.of("anatomy", pid);
        CommandRun csv = CommandRun.of("anatomy", "--csv", pid);
        CommandRun where = CommandRun.of("where", pid, inStack);
        CommandRun whereJson = CommandRun.of("where", "--json", pid, inStack);
        CommandRun map = CommandRun.of("map", pid);
        CommandRun pmapCsv = CommandRun.of("pmap", "--csv", pid);

        assertThat(text.out()).contains("notes:\n  " + note.substring("note: ".length()))
                .doesNotContainPattern("\n +" + spinner.tid() + " ");
        assertThat(csv.err()).contains("vmtool anatomy: " + note);
        assertThat(where.out()).contains(" anonymous");
        assertThat(where.err()).contains("vmtool where: " + note);
        assertThat(whereJson.err()).contains("vmtool where: " + note);
        assertThat(map.err()).contains("vmtool map: " + note);
        assertThat(pmapCsv.err()).contains("vmtool pmap: " + note);
        for (CommandRun run : List.of(text, csv, where, whereJson, map, pmapCsv)) {
            assertThat(run.status()).as(run.err()).isZero();
        }
        // On a terminal the note is fitted to it, as the output is, broken between words.
        Fixture.Run onTerminal = Fixture.vmtool("where", pid, inStack).proc(Path.of("/proc")).onTerminal(80, 24).run();
        assertThat(onTerminal.status()).isZero();
        assertThat(onTerminal.err().lines()).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(onTerminal.err().replaceAll("\\s+", " ")).contains("vmtool where: " + note);
        // An address in a library: an unplaced stack changes nothing there, and where says nothing of it.
        String library = libraryAddress(pid);
        assertThat(CommandRun.of("where", pid, library).err()).isEmpty();
    }

    /** The start of the first executable mapping of the C library in the process. */
    private static String libraryAddress(String pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", pid, "maps"))) {
            if (line.contains("r-xp") && line.contains("/libc.so")) {
                return line.substring(0, line.indexOf('-'));
            }
        }
        throw new AssertionError("no libc in " + pid);
    }

    /** A process that waits is placed by its stack pointer, and nothing is said. */
    @Test
    void withoutRunningThreadsNothingIsSaid() throws Exception {
        start(List.of(), "0");
        AnatomyHelper.awaitBlocked(pid());

        CommandRun json = CommandRun.of("anatomy", "--json", Long.toString(pid()));

        assertThat(json.status()).isZero();
        assertThat(JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("notes")).isEmpty();
    }

    /**
     * ssh-agent's case: the user's own process, not dumpable, so its /proc files are root's and the owner may not
     * read its smaps. The reason is that, not another user; the test user reading root's process is told that.
     */
    @Test
    void theOwnerOfAProcessThatIsNotDumpableIsToldSo() throws Exception {
        start(Unprivileged.asUser(), "0", "undumpable");
        String undumpable = Long.toString(pid());

        String own = asUser("anatomy", undumpable);
        String others = asUser("pmap", "-x", Long.toString(ProcessHandle.current().pid()));

        assertThat(own).isEqualTo("vmtool anatomy: cannot read /proc/" + undumpable + "/smaps: permission denied;"
                + " the process is yours, but not dumpable: it made itself so (prctl PR_SET_DUMPABLE, as ssh-agent"
                + " does) or runs a set-user-ID or set-group-ID program, and the kernel then lets only root read its"
                + " memory map (run as root)\n");
        assertThat(others).endsWith("permission denied; the process belongs to another user (run as that user or"
                + " as root)\n");
        // Root may read it.
        assertThat(CommandRun.of("anatomy", undumpable).status()).isZero();
    }

    /** vmtool run by the unprivileged user in a JVM of its own: its stderr (stdout is left out). */
    private String asUser(String... args) throws IOException, InterruptedException {
        List<String> command = ChildVmtool.command(args);
        Process child = new ProcessBuilder(Unprivileged.command(command)).directory(new java.io.File("/tmp"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(child);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(err).isNotZero();
        return err;
    }
}
