package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.programs.ProcessSummary;
import vmtool.programs.ProcessTable;
import vmtool.source.Capture;

/**
 * ps --capture and ps --file: a capture reads back as the live table it was made from, gives the smaps of the
 * processes asked for, and a truncated, damaged or hostile capture is one line naming the file and the line.
 */
@Tag("slow")
class PsCaptureTest {
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

    @Test
    void aCaptureReadsBackAsTheLiveProcessesItWasMadeFrom() throws Exception {
        Path capture = dir.resolve("all.cap");
        try (FamilyHelper family = FamilyHelper.start(List.of(), binary, 2, 128, 32, dir)) {
            CommandRun live = CommandRun.of("ps", "--json", "--name", name, "--sort", "pid");
            CommandRun made = CommandRun.of("ps", "--capture", capture.toString());
            assertThat(made.status()).as(made.err()).isZero();
            assertThat(made.out()).isEmpty();
            assertThat(made.err()).startsWith("vmtool ps: captured ").contains(" processes into " + capture);

            CommandRun read = CommandRun.of("ps", "--json", "--name", name, "--sort", "pid", "--file",
                    capture.toString());
            assertThat(read.status()).as(read.err()).isZero();
            JsonObject then = JsonParser.parseString(live.out()).getAsJsonObject();
            JsonObject now = JsonParser.parseString(read.out()).getAsJsonObject();
            assertThat(now.get("saved").getAsBoolean()).isTrue();
            assertThat(now.get("source").getAsString()).isEqualTo(capture.toString());
            // The family is idle: its figures are the same in the capture as they were live.
            assertThat(now.get("rows")).isEqualTo(then.get("rows"));
            assertThat(now.get("total")).isEqualTo(then.get("total"));

            // The smaps of the processes asked for, as many mappings as maps had.
            Capture source = new Capture(capture.toString(), System.in);
            ProcessTable table = source.table();
            List<ProcessSummary> chosen = table.program(name);
            assertThat(chosen).hasSize(3);
            List<ProcessSummary> skipped = new ArrayList<>();
            List<AddressSpace> spaces = source.addressSpaces(chosen, skipped);
            assertThat(skipped).isEmpty();
            for (int i = 0; i < chosen.size(); i++) {
                assertThat(spaces.get(i).mappings()).hasSize((int) FamilyHelper.maps(chosen.get(i).pid()));
                assertThat(spaces.get(i).process().pid()).isEqualTo(chosen.get(i).pid());
            }
            assertThat(table.tree((int) family.pid())).hasSize(3);
        }
    }

    @Test
    void aCaptureIsNotWrittenToStandardOutputNorWithOtherOptions() {
        CommandRun run = CommandRun.of("ps", "--capture", "-");
        assertThat(run.status()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(CommandRun.of("ps", "--capture", dir.resolve("x").toString(), "--json").status())
                .isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    /**
     * A capture cut anywhere, or with any byte changed, is read or refused with one line that names the file and
     * the line; never an exception, never a second line.
     */
    @Test
    void truncatedOrDamagedCapturesAreOneLineNamingTheFileAndTheLine() throws Exception {
        Path capture = dir.resolve("whole.cap");
        assertThat(CommandRun.of("ps", "--capture", capture.toString()).status()).isZero();
        byte[] whole = Files.readAllBytes(capture);
        int table = new String(whole, StandardCharsets.ISO_8859_1).indexOf("\nexited ");
        Random random = new Random(20);
        Path bad = dir.resolve("bad.cap");
        for (int round = 0; round < 60; round++) {
            byte[] bytes;
            if (round % 2 == 0) {
                bytes = java.util.Arrays.copyOf(whole, random.nextInt(table + 10));
            } else {
                bytes = whole.clone();
                bytes[random.nextInt(table)] = (byte) "0\n :-9aZ\u00ff".charAt(random.nextInt(9));
            }
            Files.write(bad, bytes);
            CommandRun run = CommandRun.of("ps", "--file", bad.toString(), "--by", "user");
            assertThat(run.status()).as(run.err()).isIn(ExitCode.OK, ExitCode.INPUT_FAILURE);
            if (run.status() == ExitCode.INPUT_FAILURE) {
                assertThat(run.err()).startsWith("vmtool ps: " + bad + ": line ").doesNotContain("Exception");
                assertThat(run.err().lines()).hasSize(1);
                assertThat(run.out()).isEmpty();
            }
        }
    }

    /**
     * A capture cut, or with a line damaged, in the smaps of the processes asked for: anatomy and share, which read
     * those smaps (ps does not), say so in one line naming the file and the line (the target's bytes escaped), and
     * exit 4.
     */
    @Test
    void aCaptureCutOrDamagedInTheSmapsAskedForIsOneLineForAnatomyAndShare() throws Exception {
        Path capture = dir.resolve("all.cap");
        String pid;
        try (FamilyHelper family = FamilyHelper.start(List.of(), binary, 1, 64, 16, dir)) {
            assertThat(CommandRun.of("ps", "--capture", capture.toString()).status()).isZero();
            pid = Long.toString(family.pid());
        }
        byte[] whole = Files.readAllBytes(capture);
        String text = new String(whole, StandardCharsets.ISO_8859_1);
        int smaps = text.indexOf("\nsmaps " + pid + "\n");
        int start = smaps + ("\nsmaps " + pid + "\n").length();
        int lines = (int) text.substring(0, start).chars().filter(c -> c == '\n').count();
        Path cut = dir.resolve("cut.cap");
        Files.write(cut, java.util.Arrays.copyOf(whole, start + 10)); // in its first line
        Path damaged = dir.resolve("damaged.cap");
        int second = text.indexOf('\n', start) + 1;
        Files.writeString(damaged, text.substring(0, second) + "bad \u001b[31m\u00ff line\n" + text.substring(second),
                StandardCharsets.ISO_8859_1);

        for (String[] args : new String[][] {{"anatomy", "--tree", pid}, {"anatomy", "--program", name},
                {"share", pid}}) {
            String command = "vmtool " + args[0] + ": ";
            CommandRun truncated = CommandRun.of(withFile(args, cut));
            assertThat(truncated.status()).as(String.join(" ", withFile(args, cut)) + ": " + truncated.err())
                    .isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(truncated.out()).isEmpty();
            assertThat(truncated.err()).isEqualTo(command + cut + ": line " + (lines + 1) + ": the file ends where"
                    + " process " + pid + "'s smaps should be: the capture is truncated\n");

            CommandRun bad = CommandRun.of(withFile(args, damaged));
            assertThat(bad.status()).as(bad.err()).isEqualTo(ExitCode.INPUT_FAILURE);
            assertThat(bad.out()).isEmpty();
            assertThat(bad.err()).isEqualTo(command + damaged + " (process " + pid + "'s smaps, from line "
                    + (lines + 1) + "): line 2: not a mapping line: 'bad \\x1b[31m\\xff line'\n");
        }
    }

    private static String[] withFile(String[] args, Path file) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--file");
        all.add(2, file.toString());
        return all.toArray(new String[0]);
    }

    /** A hand-made capture's header, and process 7's stat and status. */
    private static final String HEADER = "vmtool-capture 1\nkernel 6.18\ntime 2026-12-06T07:00:00Z\nuid 0\n";
    private static final String STAT = "7 (x) S 1 7 7 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 1 1 1 1 1 0 0 0 0 0"
            + " 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    private static final String STATUS = "Name:\tx\nUid:\t0\t0\t0\t0\n";

    @Test
    void hostileCaptures() throws Exception {
        String process = process(STAT, STATUS);
        check(HEADER.replace("vmtool-capture 1", "vmtool-capture 9"), 1, "a capture of format 9");
        check("{\"schema\":\"vmtool-pages\"}\n", 1, "not a capture made by 'vmtool ps --capture'");
        check(HEADER + "process 7\nstat 999999999\n", 6, "'999999999' is not a number from 0 to 4096");
        check(HEADER + "process 7\nstat -1\n", 6, "'-1' is not a number from 0 to 4096");
        check(HEADER + "process 7\nstat 10\nshort\n", 8, "the file ends where process 7's stat should be");
        check(HEADER + process + process + "exited 0\n", 18, "process 7 a second time");
        check(HEADER + "process 0\n", 5, "'0' is not a number from 1 to 2147483647");
        check(HEADER + "x".repeat(5000) + "\n", 5, "a line longer than 4096 bytes");
        check(HEADER + process.replace("stat 115\n", "stat 116\n"), 9, "process 7's stat is longer than its 116 bytes");
        check(HEADER + process(STAT.replace("(x)", "x"), STATUS), 7, "no command name in parentheses");
        check(HEADER + process(STAT, STATUS.replace("Uid:", "Gid:")), 12, "no Uid line");
        // ps reads only the table: the smaps are read by what needs them (anatomy --program, share).
        Path longLine = dir.resolve("long-line.cap");
        Files.writeString(longLine, HEADER + process + "exited 0\nsmaps 7\n" + "0".repeat(70000) + "\n");
        Capture source = new Capture(longLine.toString(), System.in);
        ProcessTable table = source.table();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.addressSpaces(table.processes(),
                new ArrayList<>())).hasMessage(longLine + ": line 20: a line longer than 65536 bytes, where process 7's"
                + " smaps should be");
        // Without its smaps, ps needs only the table: it reads.
        Path ok = dir.resolve("table-only.cap");
        Files.writeString(ok, HEADER + process + "user 0 root\nexited 2\n", StandardCharsets.ISO_8859_1);
        CommandRun run = CommandRun.of("ps", "--file", ok.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("no process shown\n2 processes exited while being read\n");
    }

    /**
     * A process's smaps that is not asked for is passed over to its end line wherever the reader's 64 KiB buffer
     * cuts that line, and a mapping line that starts with 'e' (an address) is not taken for it; the smaps asked for
     * after it is read whole.
     */
    @Test
    void smapsNotAskedForArePassedOverWhereverTheReadersBufferCutsThem() throws Exception {
        String table = HEADER + process(STAT, STATUS) + process(STAT.replace("7 (x) S 1 7 7", "8 (x) S 1 8 8"), STATUS)
                .replace("process 7", "process 8") + "exited 0\n";
        String mapping = "e0000000-e0001000 rw-p 00000000 00:00 0 \nSize:                  4 kB\n"
                + "Rss:                   4 kB\nPss:                   4 kB\nVmFlags: rd wr mr mw me ac \n";
        String wanted = "smaps 8\n" + mapping + mapping.replace("e0000000-e0001000", "e0002000-e0003000")
                + "end smaps\nend capture\n";
        for (String end : List.of("end smaps\n", "end smaps exited\n")) {
            for (int cut = -20; cut <= 2; cut++) {
                // Process 7's smaps: mappings up to where its end line starts `cut` bytes from 65,536, the padding
                // in a file name of the last.
                StringBuilder text = new StringBuilder(table).append("smaps 7\n");
                while (text.length() < 65_536 - 400) {
                    text.append(mapping);
                }
                String named = "e0000000-e0001000 r--p 00000000 08:01 12                         /";
                int pad = 65_536 + cut - text.length() - named.length() - mapping.length() + mapping.indexOf('\n');
                text.append(named).append("p".repeat(pad)).append(mapping.substring(mapping.indexOf('\n')));
                assertThat(text.length()).isEqualTo(65_536 + cut);
                text.append(end).append(wanted);
                Path file = dir.resolve("cut-" + cut + ".cap");
                Files.writeString(file, text, StandardCharsets.ISO_8859_1);
                Capture source = new Capture(file.toString(), System.in);
                ProcessTable read = source.table();
                List<ProcessSummary> skipped = new ArrayList<>();
                List<vmtool.model.AddressSpace> spaces = source.addressSpaces(List.of(read.process(8)), skipped);
                assertThat(skipped).as("cut %d", cut).isEmpty();
                assertThat(spaces).as("cut %d", cut).hasSize(1);
                assertThat(spaces.get(0).mappings()).as("cut %d", cut).hasSize(2);
                assertThat(spaces.get(0).mappings().get(1).start()).isEqualTo(0xe0002000L);
            }
        }
    }

    private static String process(String stat, String status) {
        return "process 7\nstat " + stat.length() + "\n" + stat + "\nstatus " + status.length() + "\n" + status
                + "\ncmdline 0\n\nexe none\nmemory none\nend process\n";
    }

    private void check(String text, int line, String what) throws Exception {
        Path file = dir.resolve("hostile.cap");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        CommandRun run = CommandRun.of("ps", "--file", file.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(run.err()).startsWith("vmtool ps: " + file + ": line " + line + ": ").contains(what);
        assertThat(run.err().lines()).hasSize(1);
    }
}
