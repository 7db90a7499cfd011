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
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.DiesWithTheJvm;
import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;
import vmtool.Unprivileged;
import vmtool.proc.ProcFs;
import vmtool.programs.ProcessTable;

/**
 * vmtool ps on processes the test starts ({@code src/test/c/family.c}): each process's figures against its
 * smaps_rollup at that moment, the totals, smem's own figures, an unprivileged user, many processes, and processes
 * that exit while the table is read.
 */
@Tag("slow")
class PsFamilyTest {
    @TempDir
    Path dir;

    /** This test's copy of the family's binary, and its name: only the processes this test starts run it. */
    private Path binary;
    private String name;

    @BeforeEach
    void copyTheProgram() throws Exception {
        binary = FamilyHelper.ownCopy(dir);
        name = binary.getFileName().toString();
    }

    /** The rows of {@code ps --json} for the family's program, by pid. */
    private static Map<Long, JsonObject> rows(JsonObject json) {
        Map<Long, JsonObject> rows = new HashMap<>();
        for (JsonElement row : json.getAsJsonArray("rows")) {
            rows.put(row.getAsJsonObject().get("pid").getAsLong(), row.getAsJsonObject());
        }
        return rows;
    }

    private static JsonObject psJson(String... args) {
        List<String> all = new ArrayList<>(List.of("ps", "--json"));
        all.addAll(List.of(args));
        CommandRun run = CommandRun.of(all.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isZero();
        JsonSchemaCheck.assertValid("ps", run.out());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void eachProcessIsItsSmapsRollupAndTheTotalsAddUp() throws Exception {
        try (FamilyHelper family = FamilyHelper.start(List.of(), binary, 3, 256, 64, dir)) {
            JsonObject json = psJson("--name", name, "--sort", "pid");
            Map<Long, JsonObject> rows = rows(json);

            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(family.pids());
            long pss = 0;
            long rss = 0;
            long uss = 0;
            for (long pid : family.pids()) {
                JsonObject row = rows.get(pid);
                assertThat(row.get("rss_kb").getAsLong()).as("Rss of %d", pid)
                        .isEqualTo(FamilyHelper.rollup(pid, "Rss"));
                assertThat(row.get("pss_kb").getAsLong()).as("Pss of %d", pid)
                        .isEqualTo(FamilyHelper.rollup(pid, "Pss"));
                assertThat(row.get("uss_kb").getAsLong()).as("USS of %d", pid)
                        .isEqualTo(FamilyHelper.rollup(pid, "Private_Clean") + FamilyHelper.rollup(pid, "Private_Dirty"));
                assertThat(row.get("swap_kb").getAsLong()).isEqualTo(FamilyHelper.rollup(pid, "Swap"));
                assertThat(row.get("mapping_count").getAsLong()).isEqualTo(FamilyHelper.maps(pid));
                assertThat(row.get("ppid").getAsLong()).isEqualTo(pid == family.pid()
                        ? ProcessHandle.current().pid() : family.pid());
                pss += row.get("pss_kb").getAsLong();
                rss += row.get("rss_kb").getAsLong();
                uss += row.get("uss_kb").getAsLong();
            }
            for (int i = 0; i < family.children().size(); i++) {
                // A child's own memory is at least what it wrote; the four shared objects are not its own.
                assertThat(rows.get(family.children().get(i)).get("uss_kb").getAsLong())
                        .isGreaterThanOrEqualTo(family.privateKb(i));
            }
            JsonObject total = json.getAsJsonObject("total");
            assertThat(total.get("process_count").getAsInt()).isEqualTo(4);
            assertThat(total.get("pss_kb").getAsLong()).isEqualTo(pss);
            assertThat(total.get("rss_kb").getAsLong()).isEqualTo(rss);
            assertThat(total.get("uss_kb").getAsLong()).isEqualTo(uss);
            // 4 x 64 kB shared by 4 processes: summed RSS counts them 4 times, summed PSS once.
            assertThat(rss - pss).isGreaterThanOrEqualTo(3 * 4 * 64);
        }
    }

    @Test
    void groupedByProgramTheFamilyIsOneRowAndTheTreeHangsFromItsParent() throws Exception {
        try (FamilyHelper family = FamilyHelper.start(List.of(), binary, 3, 64, 16, dir)) {
            JsonObject grouped = psJson("--name", name, "--by", "program");
            JsonArray groups = grouped.getAsJsonArray("rows");
            assertThat(groups).hasSize(1);
            JsonObject group = groups.get(0).getAsJsonObject();
            assertThat(group.get("label").getAsString()).isEqualTo(binary.toString());
            assertThat(group.get("process_count").getAsInt()).isEqualTo(4);
            assertThat(group.get("pss_kb").getAsLong()).isEqualTo(grouped.getAsJsonObject("total")
                    .get("pss_kb").getAsLong());

            JsonObject tree = psJson("--name", name, "--tree");
            JsonArray rows = tree.getAsJsonArray("rows");
            assertThat(rows.get(0).getAsJsonObject().get("pid").getAsLong()).isEqualTo(family.pid());
            assertThat(rows.get(0).getAsJsonObject().get("depth").getAsInt()).isZero();
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).getAsJsonObject().get("depth").getAsInt()).isEqualTo(1);
            }

            CommandRun text = CommandRun.of("ps", "--name", name, "--tree");
            assertThat(text.status()).isZero();
            // The header, 4 processes, the totals; then maybe a note on other processes that exited meanwhile.
            assertThat(text.out().lines().toList()).hasSizeGreaterThanOrEqualTo(1 + 4 + 1);
            assertThat(text.out().lines().skip(6)).allSatisfy(line -> assertThat(line)
                    .endsWith(" exited while being read"));
            assertThat(text.out().lines().skip(2).limit(3)).allSatisfy(line -> assertThat(line)
                    .contains("  " + name));
            assertThat(text.out().lines().toList().get(5)).matches("\\s+4\\s+total\\s+.*");
        }
    }

    /**
     * smem (Debian's, python) on the same processes, to the kB. smem sums smaps, whose Pss the kernel rounds down
     * per mapping, where smaps_rollup rounds once: with one child, every page is mapped once or twice, so its PSS
     * is a whole number of kB in every mapping and the two agree exactly; with three children a page can be
     * mapped three times, and smem's PSS may be lower by less than 1 kB per mapping.
     */
    @Test
    void agreesWithSmemToTheKb() throws Exception {
        assertThat(Path.of("/usr/bin/smem")).as("smem (apt-get install smem; scripts/test installs it)")
                .isExecutable();
        for (int children : new int[] {1, 3}) {
            try (FamilyHelper family = FamilyHelper.start(List.of(), binary, children, 128, 32, dir)) {
                Map<Long, JsonObject> rows = rows(psJson("--name", name));
                Map<Long, long[]> smem = smem(binary.toString());

                assertThat(smem.keySet()).containsExactlyInAnyOrderElementsOf(family.pids());
                for (long pid : family.pids()) {
                    JsonObject row = rows.get(pid);
                    long[] theirs = smem.get(pid);
                    assertThat(row.get("uss_kb").getAsLong()).as("USS of %d", pid).isEqualTo(theirs[0]);
                    assertThat(row.get("rss_kb").getAsLong()).as("RSS of %d", pid).isEqualTo(theirs[2]);
                    assertThat(row.get("swap_kb").getAsLong()).as("Swap of %d", pid).isEqualTo(theirs[3]);
                    if (children == 1) {
                        assertThat(row.get("pss_kb").getAsLong()).as("PSS of %d", pid).isEqualTo(theirs[1]);
                    } else {
                        assertThat(row.get("pss_kb").getAsLong() - theirs[1]).as("PSS of %d", pid)
                                .isBetween(0L, row.get("mapping_count").getAsLong());
                    }
                }
            }
        }
    }

    /** smem's USS, PSS, RSS and Swap of the processes whose command line holds {@code program}, by pid. */
    private static Map<Long, long[]> smem(String program) throws IOException, InterruptedException {
        Process smem = new ProcessBuilder("/usr/bin/smem", "-H", "-c", "pid uss pss rss swap", "-P",
                "^" + program.replaceAll("[^A-Za-z0-9/_-]", "\\\\$0")).redirectErrorStream(true).start();
        String out = new String(smem.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(smem.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(smem.exitValue()).as(out).isZero();
        Map<Long, long[]> rows = new HashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] fields = line.strip().split("\\s+");
            rows.put(Long.parseLong(fields[0]), new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4])});
        }
        return rows;
    }

    /**
     * As an unprivileged user: its own processes are listed, root's are counted (never listed, never silently
     * dropped), and the line says what would show them.
     */
    @Test
    void anUnprivilegedUserSeesItsOwnAndCountsTheRest() throws Exception {
        // The user must reach its directories: the test's own directory is root's alone.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path owned = Unprivileged.ownedDirectory(dir, "family");
        Path classes = Unprivileged.ownedDirectory(dir, "classes");
        copyTree(Path.of("target/classes"), classes);
        Path gson = Path.of(com.google.gson.JsonParser.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Files.copy(gson, classes.resolve("gson.jar"));
        Files.walk(classes).forEach(p -> p.toFile().setReadable(true, false));
        try (FamilyHelper theirs = FamilyHelper.start(Unprivileged.asUser(), binary, 2, 64, 16, owned);
             FamilyHelper roots = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = classes + ":" + classes.resolve("gson.jar");
            String json = run(Unprivileged.command(List.of(java, "-cp", classpath, "vmtool.Main", "ps", "--json",
                    "--name", name)));
            JsonSchemaCheck.assertValid("ps", json);
            JsonObject object = JsonParser.parseString(json).getAsJsonObject();
            assertThat(rows(object).keySet()).containsExactlyInAnyOrderElementsOf(theirs.pids());
            List<Long> unreadable = new ArrayList<>();
            for (JsonElement process : object.getAsJsonArray("unreadable")) {
                unreadable.add(process.getAsJsonObject().get("pid").getAsLong());
            }
            assertThat(unreadable).containsExactlyInAnyOrderElementsOf(roots.pids());
            assertThat(object.get("read_as_root").getAsBoolean()).isFalse();

            String text = run(Unprivileged.command(List.of(java, "-cp", classpath, "vmtool.Main", "ps", "--name",
                    name)));
            assertThat(text).contains("run as root to see 2 more (processes whose memory the kernel shows only to"
                    + " its user or root)");
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** A thousand processes: every one is listed, once, and the command stays well within its heap. */
    @Test
    void aThousandProcesses() throws Exception {
        try (FamilyHelper family = FamilyHelper.start(List.of(), binary, 1000, 0, 0, null)) {
            JsonObject json = psJson("--name", name, "--by", "program");
            assertThat(json.getAsJsonObject("total").get("process_count").getAsInt()).isEqualTo(1001);
            assertThat(json.getAsJsonArray("rows")).hasSize(1);

            JsonArray tree = psJson("--name", name, "--tree").getAsJsonArray("rows");
            assertThat(tree).hasSize(1001);
            assertThat(tree.get(0).getAsJsonObject().get("pid").getAsLong()).isEqualTo(family.pid());
            int children = 0;
            for (JsonElement row : tree) {
                children += row.getAsJsonObject().get("depth").getAsInt();
            }
            assertThat(children).isEqualTo(1000);
        }
    }

    /**
     * Processes that exit while the table is read (a shell starting short-lived ones all the while) are skipped
     * and counted, never an error: each read lists every process once, and those it lost are counted.
     */
    @Test
    void processesThatExitWhileReadAreSkippedAndCounted() throws Exception {
        Process churn = DiesWithTheJvm.start(new ProcessBuilder("sh", "-c",
                "while :; do /bin/true & /bin/true & wait; done").redirectErrorStream(true));
        try {
            ProcFs procFs = ProcFs.system();
            int exited = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int reads = 0;
            while (System.nanoTime() < end || reads < 5) {
                ProcessTable table = procFs.processReader().table();
                exited += table.exited();
                assertThat(table.processes()).isNotEmpty();
                reads++;
            }
            // Not asserted above zero: whether a process dies between listing and reading is up to the scheduler.
            assertThat(exited).isGreaterThanOrEqualTo(0);
            CommandRun run = CommandRun.of("ps");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
        } finally {
            churn.descendants().forEach(ProcessHandle::destroyForcibly);
            churn.destroyForcibly().waitFor();
        }
    }

    @Test
    void aNameThatMatchesNothingIsOneLineAndStatusOne() {
        CommandRun run = CommandRun.of("ps", "--name", "no-such-program-here");
        assertThat(run.status()).isEqualTo(ExitCode.NO_MATCH);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("vmtool ps: no process runs no-such-program-here (as executable path, file"
                + " name or kernel name); list them all with 'vmtool ps'\n");
    }
}
