package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;

/**
 * {@code vmtool anatomy PID PID...} on src/test/c/sharers.c: a parent and three children that share four objects and
 * each hold private memory. Every figure is compared with what the kernel reports at that moment (smaps_rollup,
 * read by the test), never with a page count assumed.
 */
class ProgramAnatomyTest {
    private static final int CHILDREN = 3;
    private static final int PRIVATE_KB = 256;
    private static SharersHelper helper;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        helper = SharersHelper.start(CHILDREN, PRIVATE_KB);
    }

    @AfterAll
    static void end() throws IOException {
        if (helper != null) {
            helper.close();
        }
    }

    /** smaps_rollup's "Key: N kB" lines, read now. */
    static Map<String, Long> rollup(int pid) throws IOException {
        Map<String, Long> fields = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "smaps_rollup"),
                StandardCharsets.ISO_8859_1)) {
            if (line.endsWith(" kB")) {
                int colon = line.indexOf(':');
                fields.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1, line.length() - 3)
                        .strip()));
            }
        }
        return fields;
    }

    @Test
    void detailListsTheObjectsOfOneProcessTooAndStaysValid() {
        JsonObject json = json("--detail");
        assertThat(json.getAsJsonArray("objects_of_one").size()).isEqualTo(json.get("objects_mapped_by_one").getAsInt());
    }

    private static JsonObject json(String... extra) {
        List<String> args = new ArrayList<>(List.of("anatomy", "--json"));
        args.addAll(List.of(extra));
        args.addAll(helper.pidArgs());
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        JsonSchemaCheck.assertValid("anatomy-program", run.out());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void eachProcessAsSmapsRollupSaysAndTheTotalIsTheirSum() throws IOException {
        // Read before and after: the libraries' PSS moves as other processes of the machine map and unmap them.
        Map<Integer, Map<String, Long>> before = new HashMap<>();
        for (int pid : helper.pids()) {
            before.put(pid, rollup(pid));
        }
        JsonObject json = json();
        Map<Integer, Map<String, Long>> rollups = new HashMap<>();
        for (int pid : helper.pids()) {
            rollups.put(pid, rollup(pid));
        }
        assertThat(json.get("schema").getAsString()).isEqualTo("vmtool-anatomy-program");
        assertThat(json.get("schema_version").getAsInt()).isEqualTo(2);
        assertThat(json.get("process_count").getAsInt()).isEqualTo(CHILDREN + 1);
        long rss = 0;
        long pss = 0;
        long uss = 0;
        List<Integer> pids = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("processes")) {
            JsonObject process = element.getAsJsonObject();
            int pid = process.get("pid").getAsInt();
            pids.add(pid);
            Map<String, Long> kernel = rollups.get(pid);
            assertThat(process.get("name").getAsString()).isEqualTo("sharers");
            assertThat(process.get("rss_kb").getAsLong()).as("Rss of %d", pid).isEqualTo(kernel.get("Rss"));
            // smaps rounds each mapping's Pss down to the kB, smaps_rollup only their sum: the sum of a process's
            // mappings is below the rollup by less than a kB per mapping (as smem's, which sums smaps, is).
            long mappings = process.get("mappings").getAsLong();
            long low = Math.min(kernel.get("Pss"), before.get(pid).get("Pss"));
            long high = Math.max(kernel.get("Pss"), before.get(pid).get("Pss"));
            assertThat(process.get("pss_kb").getAsLong()).as("Pss of %d", pid).isBetween(low - mappings + 1, high);
            assertThat(process.get("uss_kb").getAsLong()).as("USS of %d", pid)
                    .isEqualTo(kernel.get("Private_Clean") + kernel.get("Private_Dirty"));
            assertThat(process.get("swap_kb").getAsLong()).isEqualTo(kernel.get("Swap"));
            rss += process.get("rss_kb").getAsLong();
            pss += process.get("pss_kb").getAsLong();
            uss += process.get("uss_kb").getAsLong();
        }
        assertThat(pids).isEqualTo(helper.pids());
        JsonObject total = json.getAsJsonObject("total");
        assertThat(total.get("rss_kb").getAsLong()).isEqualTo(rss);
        assertThat(total.get("pss_kb").getAsLong()).isEqualTo(pss);
        assertThat(total.get("uss_kb").getAsLong()).isEqualTo(uss);
        long kindsPss = 0;
        for (JsonElement kind : json.getAsJsonArray("kinds")) {
            kindsPss += kind.getAsJsonObject().get("pss_kb").getAsLong();
        }
        assertThat(kindsPss).isEqualTo(pss);
        // What each child holds alone: at least the private memory it wrote, PRIVATE_KB times its number.
        for (SharersHelper.Child child : helper.children()) {
            JsonObject process = json.getAsJsonArray("processes").get(child.number()).getAsJsonObject();
            assertThat(process.get("uss_kb").getAsLong()).isGreaterThanOrEqualTo((long) PRIVATE_KB * child.number());
        }
    }

    @Test
    void eachSharedObjectIsListedOnceWithExactlyTheProcessesThatMapIt() throws IOException {
        JsonObject json = json();
        Map<String, JsonObject> byKind = new HashMap<>();
        JsonObject privateFile = null;
        for (JsonElement element : json.getAsJsonArray("shared_objects")) {
            JsonObject object = element.getAsJsonObject();
            String kind = object.get("kind").getAsString();
            if (object.get("name").getAsString().equals(helper.privateFile().toString())) {
                assertThat(privateFile).as("private.dat twice").isNull();
                privateFile = object;
            } else if (List.of("shared-anonymous", "memfd", "file", "sysv-shm").contains(kind)) {
                assertThat(byKind.put(kind, object)).as("a second %s: %s", kind, object).isNull();
            }
        }
        assertThat(byKind).containsOnlyKeys("shared-anonymous", "memfd", "file", "sysv-shm");
        // Mapped privately by all, untouched by the parent; each child wrote a page of it: a copy of its own.
        assertThat(privateFile).isNotNull();
        List<Integer> privateUsers = new ArrayList<>();
        for (JsonElement user : privateFile.getAsJsonArray("processes")) {
            JsonObject process = user.getAsJsonObject();
            privateUsers.add(process.get("pid").getAsInt());
            boolean parent = process.get("pid").getAsInt() == helper.parent();
            assertThat(process.get("uss_kb").getAsLong()).isEqualTo(parent ? 0 : 4);
        }
        assertThat(privateUsers).isEqualTo(helper.pids());
        assertThat(byKind.get("memfd").get("name").getAsString()).startsWith("/memfd:sharers-memfd");
        assertThat(byKind.get("file").get("name").getAsString()).isEqualTo(helper.file().toString());
        assertThat(byKind.get("sysv-shm").get("shmid").getAsLong()).isEqualTo(helper.shmid());
        assertThat(byKind.get("sysv-shm").get("inode").getAsLong()).isEqualTo(helper.shmid());
        assertThat(byKind.get("memfd").get("shmid").isJsonNull()).isTrue();
        Map<String, Integer> pages = Map.of("shared-anonymous", SharersHelper.ANON_PAGES, "memfd",
                SharersHelper.MEMFD_PAGES, "file", SharersHelper.FILE_PAGES, "sysv-shm", SharersHelper.SYSV_PAGES);
        for (Map.Entry<String, JsonObject> entry : byKind.entrySet()) {
            JsonObject object = entry.getValue();
            long sizeKb = pages.get(entry.getKey()) * 4L;
            assertThat(object.get("object_size_kb").getAsLong()).as(entry.getKey()).isEqualTo(sizeKb);
            List<Integer> users = new ArrayList<>();
            long pss = 0;
            for (JsonElement user : object.getAsJsonArray("processes")) {
                users.add(user.getAsJsonObject().get("pid").getAsInt());
                assertThat(user.getAsJsonObject().get("name").getAsString()).isEqualTo("sharers");
                pss += user.getAsJsonObject().get("pss_kb").getAsLong();
            }
            assertThat(users).as(entry.getKey()).isEqualTo(helper.pids());
            assertThat(object.get("process_count").getAsInt()).isEqualTo(CHILDREN + 1);
            assertThat(object.get("pss_kb").getAsLong()).isEqualTo(pss);
            // Written by every process: resident in each, so RSS counts it once per process, and the PSS of the
            // four, each a quarter rounded down to the kB, is the object once.
            assertThat(object.get("rss_kb").getAsLong()).as(entry.getKey()).isEqualTo(sizeKb * (CHILDREN + 1));
            assertThat(pss).as(entry.getKey()).isBetween(sizeKb - (CHILDREN + 1), sizeKb);
            assertThat(object.get("uss_kb").getAsLong()).isZero();
        }
    }

    @Test
    void textListsEachSharedObjectOnceWithItsProcesses() {
        List<String> args = new ArrayList<>(List.of("anatomy"));
        args.addAll(helper.pidArgs());
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        String users = String.join(", ", helper.pids().stream().map(pid -> pid + " sharers").toList());
        assertThat(run.out()).containsOnlyOnce("/memfd:sharers-memfd").containsOnlyOnce(helper.file().toString())
                .containsOnlyOnce("(shmid " + helper.shmid() + ")").contains("shared-anonymous")
                .contains("\n      " + users + "\n").contains("PIDs " + String.join(" ", helper.pidArgs()) + ": 4"
                        + " processes\n");
    }

    @Test
    void aProcessThatIsGoneIsCountedAndTheOthersShown() throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        List<String> args = new ArrayList<>(List.of("anatomy", "--json"));
        args.addAll(helper.pidArgs());
        args.add(Long.toString(gone.pid()));
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("process_count").getAsInt()).isEqualTo(CHILDREN + 1);
        JsonArray exited = json.getAsJsonObject("skipped").getAsJsonArray("exited");
        assertThat(exited.size()).isEqualTo(1);
        assertThat(exited.get(0).getAsLong()).isEqualTo(gone.pid());

        CommandRun text = CommandRun.of("anatomy", Long.toString(gone.pid()), Long.toString(gone.pid() + 0L));
        assertThat(text.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(text.err()).isEqualTo("vmtool anatomy: none of the processes could be read\n");
    }

    @Test
    void csvHasOneRowPerProcessAndKindAndWithDetailOnePerObjectAndProcess() {
        List<String> args = new ArrayList<>(List.of("anatomy", "--csv"));
        args.addAll(helper.pidArgs());
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).startsWith("pid,process,kind,mappings,size_kb,rss_kb,pss_kb,uss_kb,swap_kb\r\n")
                .contains("\r\n" + helper.parent() + ",sharers,memfd,1,128,128,");
        args.add(1, "--detail");
        CommandRun detail = CommandRun.of(args.toArray(new String[0]));
        assertThat(detail.status()).as(detail.err()).isEqualTo(ExitCode.OK);
        long memfdRows = detail.out().lines().filter(line -> line.startsWith("memfd,/memfd:sharers-memfd")).count();
        assertThat(memfdRows).isEqualTo(CHILDREN + 1);
    }

    @Test
    void aCaptureGivesTheSameProcessesAndObjects() throws IOException {
        Path dir = Files.createTempDirectory("vmtool-capture-");
        try {
            Path capture = dir.resolve("all.capture");
            CommandRun saved = CommandRun.of("ps", "--capture", capture.toString());
            assertThat(saved.status()).as(saved.err()).isEqualTo(ExitCode.OK);
            CommandRun run = CommandRun.of("anatomy", "--json", "--file", capture.toString(), "--tree",
                    Integer.toString(helper.parent()));
            assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.OK);
            JsonSchemaCheck.assertValid("anatomy-program", run.out());
            JsonObject fromFile = JsonParser.parseString(run.out()).getAsJsonObject();
            JsonObject live = json();
            assertThat(fromFile.get("saved").getAsBoolean()).isTrue();
            assertThat(fromFile.get("source").getAsString()).isEqualTo(capture.toString());
            assertThat(fromFile.get("selection").getAsString()).isEqualTo("tree of PID " + helper.parent());
            // The helper is idle: what was captured is what is there now, but for PSS, which the libraries' share
            // with every other process of the machine moves as they come and go.
            assertThat(withoutPss(fromFile.get("processes"))).isEqualTo(withoutPss(live.get("processes")));
            assertThat(withoutPss(fromFile.get("total"))).isEqualTo(withoutPss(live.get("total")));
            // The objects are ordered by PSS, which moves with the machine's other processes: compared as a set.
            assertThat(names(fromFile)).containsExactlyInAnyOrderElementsOf(names(live));

            CommandRun none = CommandRun.of("anatomy", "--file", capture.toString(), "--program", "no-such-name");
            assertThat(none.status()).isEqualTo(ExitCode.NO_MATCH);
            assertThat(none.out()).isEmpty();
            assertThat(none.err()).startsWith("vmtool anatomy: no process runs the program 'no-such-name' in "
                    + capture).hasLineCount(1);
        } finally {
            AnatomyHelper.deleteTree(dir);
        }
    }

    private static JsonElement withoutPss(JsonElement element) {
        JsonElement copy = element.deepCopy();
        if (copy.isJsonArray()) {
            copy.getAsJsonArray().forEach(item -> item.getAsJsonObject().remove("pss_kb"));
        } else {
            copy.getAsJsonObject().remove("pss_kb");
        }
        return copy;
    }

    /** Each shared object's name and its processes' pids. */
    private static List<String> names(JsonObject json) {
        List<String> names = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("shared_objects")) {
            JsonObject object = element.getAsJsonObject();
            if (object.get("kind").getAsString().equals("sysv-shm")) {
                continue; // the capture has no /proc/sysvipc/shm: its size is the mapped size, its name the same
            }
            List<Integer> pids = new ArrayList<>();
            for (JsonElement user : object.getAsJsonArray("processes")) {
                pids.add(user.getAsJsonObject().get("pid").getAsInt());
            }
            names.add(object.get("name").getAsString() + " " + pids);
        }
        return names;
    }

    @Test
    void aProgramWhoseNameIsNotUtf8IsShownEscaped() throws IOException, InterruptedException {
        try (SharersHelper named = SharersHelper.startNamedNotUtf8(2)) {
            CommandRun text = CommandRun.of("anatomy", "--tree", Integer.toString(named.parent()));
            assertThat(text.status()).as(text.err()).isEqualTo(ExitCode.OK);
            assertThat(text.out()).contains(named.parent() + "  sh\\xffrs").contains(", "
                    + named.children().get(1).pid() + " sh\\xffrs\n").doesNotContain("\u00ff").doesNotContain("\ufffd");
            CommandRun json = CommandRun.of("anatomy", "--json", "--tree", Integer.toString(named.parent()));
            assertThat(json.status()).as(json.err()).isEqualTo(ExitCode.OK);
            JsonSchemaCheck.assertValid("anatomy-program", json.out());
            JsonObject process = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("processes")
                    .get(0).getAsJsonObject();
            assertThat(process.has("name")).isFalse();
            assertThat(java.util.Base64.getDecoder().decode(process.get("name_bytes").getAsString()))
                    .isEqualTo(new byte[] {'s', 'h', (byte) 0xff, 'r', 's'});
        }
    }

    @Test
    void severalPidsWithJvmIsAUsageError() {
        List<String> args = new ArrayList<>(List.of("anatomy", "--jvm"));
        args.addAll(helper.pidArgs());
        CommandRun run = CommandRun.of(args.toArray(new String[0]));
        assertThat(run.status()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("vmtool anatomy: --jvm asks one JVM: give one PID with it");
        assertThat(run.out()).isEmpty();
    }
}
