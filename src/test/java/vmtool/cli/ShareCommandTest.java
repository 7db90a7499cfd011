package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;

/**
 * {@code vmtool share} on src/test/c/sharers.c: what one child shares, with exactly the other processes of the
 * helper, and as root which pages are the same frames (the page each child wrote of a privately mapped file is not).
 */
class ShareCommandTest {
    private static final int CHILDREN = 3;
    private static SharersHelper helper;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        helper = SharersHelper.start(CHILDREN, 64);
    }

    @AfterAll
    static void end() throws IOException {
        if (helper != null) {
            helper.close();
        }
    }

    private static Map<String, JsonObject> objectsByName(JsonObject json) {
        Map<String, JsonObject> byName = new HashMap<>();
        for (JsonElement element : json.getAsJsonArray("objects")) {
            JsonObject object = element.getAsJsonObject();
            assertThat(byName.put(object.get("name").getAsString(), object)).as("listed twice: %s", object).isNull();
        }
        return byName;
    }

    private static List<Integer> pids(JsonObject object, String member) {
        List<Integer> pids = new ArrayList<>();
        for (JsonElement user : object.getAsJsonArray(member)) {
            pids.add(user.getAsJsonObject().get("pid").getAsInt());
        }
        return pids;
    }

    @Test
    void aChildSharesTheFourObjectsWithExactlyTheOtherProcessesAndTheirFrames() {
        SharersHelper.Child child = helper.children().get(1);
        CommandRun run = CommandRun.of("share", "--json", Integer.toString(child.pid()));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonSchemaCheck.assertValid("share", run.out());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("schema").getAsString()).isEqualTo("vmtool-share");
        assertThat(json.get("frames_compared").getAsBoolean()).isTrue();
        List<Integer> others = new ArrayList<>(helper.pids());
        others.remove(Integer.valueOf(child.pid()));
        Map<String, JsonObject> objects = objectsByName(json);
        JsonObject sysv = null;
        for (JsonObject object : objects.values()) {
            if (object.get("kind").getAsString().equals("sysv-shm")) {
                sysv = object;
            }
        }
        assertThat(sysv).isNotNull();
        assertThat(sysv.get("shmid").getAsLong()).isEqualTo(helper.shmid());
        List<JsonObject> shared = new ArrayList<>(List.of(sysv, objects.get(helper.file().toString()),
                objects.get("/memfd:sharers-memfd (deleted)"), objects.get("/dev/zero (deleted)")));
        for (JsonObject object : shared) {
            assertThat(object).isNotNull();
            assertThat(pids(object, "targets")).containsExactly(child.pid());
            assertThat(pids(object, "others")).as(object.get("name").getAsString()).isEqualTo(others);
            // Shared memory written by every process: one frame per page, the same in all of them.
            JsonObject frames = object.getAsJsonObject("frames");
            assertThat(frames.get("same_pages").getAsLong()).isEqualTo(frames.get("target_pages").getAsLong())
                    .isEqualTo(object.get("object_size_kb").getAsLong() / 4);
        }
        // The privately mapped file: pages 1 to 3 are the page cache's, which the other children read too; page 0
        // is the child's own copy.
        JsonObject privateFile = objects.get(helper.privateFile().toString());
        assertThat(pids(privateFile, "others")).isEqualTo(others);
        JsonObject frames = privateFile.getAsJsonObject("frames");
        assertThat(frames.get("target_pages").getAsLong()).isEqualTo(4);
        assertThat(frames.get("same_pages").getAsLong()).isEqualTo(3);
    }

    @Test
    void textNamesTheOthersOfEachObject() {
        SharersHelper.Child child = helper.children().get(0);
        CommandRun run = CommandRun.of("share", Integer.toString(child.pid()));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        List<String> others = new ArrayList<>();
        for (int pid : helper.pids()) {
            if (pid != child.pid()) {
                others.add(pid + " sharers");
            }
        }
        assertThat(run.out()).startsWith(child.pid() + ":   ").contains("\nprocess " + child.pid() + " shares ")
                .containsOnlyOnce("/memfd:sharers-memfd (deleted)")
                .containsOnlyOnce("(shmid " + helper.shmid() + ")")
                .contains("\n      " + String.join(", ", others) + "\n")
                .contains("SAME_FRAMES");
    }

    @Test
    void aProgramThatNoProcessRunsIsOneLineAndStatusOne() {
        CommandRun run = CommandRun.of("share", "--program", "no-such-program-\u00e9");
        assertThat(run.status()).isEqualTo(ExitCode.NO_MATCH);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("vmtool share: no process runs the program 'no-such-program-\u00e9' (its"
                + " executable's path or file name, or its kernel name); 'vmtool ps --by program' lists the"
                + " programs\n");
    }

    @Test
    void badInputIsOneLine() throws IOException, InterruptedException {
        assertThat(CommandRun.of("share").status()).isEqualTo(ExitCode.USAGE);
        CommandRun both = CommandRun.of("share", "--program", "x", "1");
        assertThat(both.status()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err().lines().count()).isEqualTo(1);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        CommandRun missing = CommandRun.of("share", Long.toString(gone.pid()));
        assertThat(missing.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(missing.err()).isEqualTo("vmtool share: no process with PID " + gone.pid() + " (it may have"
                + " exited); list processes with 'vmtool ps'\n");
    }
}
