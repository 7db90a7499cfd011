package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;

/** vmtool where on the addresses the helper anatomy.c prints, checked against its /proc/PID/maps. */
class WhereCommandTest {
    private static AnatomyHelper helper;

    @TempDir
    Path temp;

    @BeforeAll
    static void startHelper() throws Exception {
        helper = AnatomyHelper.start();
    }

    @AfterAll
    static void stopHelper() throws Exception {
        helper.close();
    }

    /** The maps line that holds the address, read by the test itself: {start, end, offset} and perms. */
    private record MapsLine(long start, long end, long offset, String perms) {
    }

    private static MapsLine mapsLine(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + helper.pid() + "/maps"))) {
            String[] f = line.split(" +");
            String[] range = f[0].split("-");
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(start, address) <= 0 && Long.compareUnsigned(address, end) < 0) {
                return new MapsLine(start, end, Long.parseUnsignedLong(f[2], 16), f[1]);
            }
        }
        throw new AssertionError("no mapping holds " + Long.toHexString(address));
    }

    /** What where should print for a mapped address, from the maps line and the kind and name expected. */
    private static String expected(String region, String kind, String name, boolean file) throws IOException {
        long address = helper.printed(region).address();
        MapsLine line = mapsLine(address);
        long into = address - line.start();
        return "0x" + Long.toHexString(address) + ": 0x" + Long.toHexString(line.start()) + "-0x"
                + Long.toHexString(line.end()) + " " + line.perms() + " " + kind + (name.isEmpty() ? "" : " " + name)
                + "; offset 0x" + Long.toHexString(into) + " into the mapping"
                + (file ? ", 0x" + Long.toHexString(line.offset() + into) + " into the file" : "");
    }

    private static String hex(String region) {
        return Long.toHexString(helper.printed(region).address());
    }

    @Test
    void anAddressInEachRegion() throws IOException {
        AnatomyHelper.NamedThread reader = helper.threads().get(0);
        AnatomyHelper.NamedThread waiter = helper.threads().get(1);
        String libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";

        // With and without 0x, as touch and the homework's memory-user print them.
        CommandRun run = CommandRun.of("where", helper.pidArg(), "0x" + hex("program"), hex("bss"), "0x" + hex("heap"),
                "0x" + hex("stack"), "0x" + hex("library"), "0x" + hex("big-malloc"), "0X" + hex("sysv"),
                hex("memfd"), "0x" + hex("shared-anonymous"), "0x" + hex("deleted"), "0x" + hex("thread-stack-0"),
                "0x" + hex("thread-stack-1"));

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                expected("program", "program", helper.binaryPath(), true),
                expected("bss", "bss", Path.of(helper.binaryPath()).getFileName().toString(), false),
                expected("heap", "heap", "[heap]", false),
                expected("stack", "stack", "[stack]", false),
                expected("library", "library", libc, true),
                expected("big-malloc", "anonymous", "", false),
                expected("sysv", "sysv-shm", "/SYSV00000000 (deleted)", true),
                expected("memfd", "memfd", "/memfd:anatomy-ring (deleted)", true),
                expected("shared-anonymous", "shared-anonymous", "/dev/zero (deleted)", true),
                expected("deleted", "file", helper.deletedFile(), true),
                expected("thread-stack-0", "thread-stack", "thread " + reader.tid() + " (" + reader.name() + ")",
                        false),
                expected("thread-stack-1", "thread-stack", "thread " + waiter.tid() + " (" + waiter.name() + ")",
                        false));
        // The helper's own numbers agree: the offsets into SysV, memfd and the deleted file are what it wrote.
        assertThat(run.out()).contains("; offset 0xa into the mapping, 0xa into the file\n")
                .contains("; offset 0x1001 into the mapping, 0x1001 into the file\n")
                .contains("; offset 0x1010 into the mapping, 0x1010 into the file\n");
    }

    /**
     * Anonymous memory right after a library's file: its bss only inside the image that the library's ELF headers
     * describe. libc's own bss (made by the loader), and two lookalikes the helper made from libc's file: after 4
     * MiB of it (past the image's end: not a bss, as the memory the kernel put after libjsvml.so in a JVM) and after
     * its first page (inside the image, so the headers cannot tell it from a bss).
     */
    @Test
    void anonymousMemoryAfterALibraryIsItsBssOnlyInsideItsImage() throws IOException {
        String libc = "libc.so.6";
        CommandRun run = CommandRun.of("where", helper.pidArg(), "0x" + hex("library-bss"),
                "0x" + hex("after-library-image"), "0x" + hex("inside-library-image"));

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                expected("library-bss", "library", libc, false),
                expected("after-library-image", "anonymous", "", false),
                expected("inside-library-image", "library", libc, false));
    }

    @Test
    void anUnmappedAddressShowsItsGapAndNeighbours() throws IOException {
        List<String> maps = Files.readAllLines(Path.of("/proc/" + helper.pid() + "/maps"));
        String first = maps.get(0).split(" ")[0];
        String firstPerms = maps.get(0).split(" +")[1];

        CommandRun run = CommandRun.of("where", helper.pidArg(), "0x" + hex("heap"), "1000");

        assertThat(run.status()).isEqualTo(ExitCode.DIFFERENT);
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("0x" + hex("heap") + ": ");
        assertThat(lines.get(1)).matches("0x1000: not mapped, in the gap 0x0-0x" + first.split("-")[0]
                + " \\([0-9.]+ TiB\\)");
        assertThat(lines.get(2)).isEqualTo("  below: none");
        assertThat(lines.get(3)).isEqualTo("  above: 0x" + first.replace("-", "-0x") + " " + firstPerms
                + " program " + helper.binaryPath());
    }

    @Test
    void anAddressBetweenTwoMappingsHasBoth() throws IOException {
        long heapEnd = mapsLine(helper.printed("heap").address()).end();

        CommandRun run = CommandRun.of("where", helper.pidArg(), Long.toHexString(heapEnd + 0x10));

        assertThat(run.status()).isEqualTo(ExitCode.DIFFERENT);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("0x" + Long.toHexString(heapEnd + 0x10) + ": not mapped, in the gap 0x"
                + Long.toHexString(heapEnd) + "-0x");
        assertThat(lines.get(1)).startsWith("  below: 0x").endsWith(" rw-p heap [heap]");
        assertThat(lines.get(2)).startsWith("  above: 0x");
    }

    @Test
    void jsonAndCsv() {
        CommandRun json = CommandRun.of("where", "--json", helper.pidArg(), hex("memfd"), "1000");
        CommandRun csv = CommandRun.of("where", "--csv", helper.pidArg(), hex("memfd"), "1000");

        assertThat(json.status()).isEqualTo(ExitCode.DIFFERENT);
        JsonArray addresses = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("addresses");
        JsonObject memfd = addresses.get(0).getAsJsonObject();
        assertThat(memfd.get("mapped").getAsBoolean()).isTrue();
        assertThat(memfd.getAsJsonObject("mapping").get("kind").getAsString()).isEqualTo("memfd");
        assertThat(memfd.get("offset").getAsString()).isEqualTo("0x1001");
        assertThat(memfd.get("file_offset").getAsString()).isEqualTo("0x1001");
        JsonObject unmapped = addresses.get(1).getAsJsonObject();
        assertThat(unmapped.get("mapped").getAsBoolean()).isFalse();
        assertThat(unmapped.get("mapping").isJsonNull()).isTrue();
        assertThat(unmapped.get("below").isJsonNull()).isTrue();
        assertThat(unmapped.getAsJsonObject("above").get("kind").getAsString()).isEqualTo("program");
        assertThat(unmapped.getAsJsonObject("gap").get("start").getAsString()).isEqualTo("0x0");

        assertThat(csv.status()).isEqualTo(ExitCode.DIFFERENT);
        List<String> rows = List.of(csv.out().split("\r\n"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("address,mapped,start,end,perms,kind,name,offset,file_offset,gap_start,"
                + "gap_end,below_start,below_end,above_start,above_end");
        assertThat(rows.get(1)).startsWith("0x" + hex("memfd") + ",yes,")
                .endsWith(",rw-s,memfd,/memfd:anatomy-ring (deleted),0x1001,0x1001,,,,,,");
        assertThat(rows.get(2)).startsWith("0x1000,no,,,,,,,,0x0,0x");
    }

    @Test
    void aSavedFile() throws IOException {
        Path smaps = helper.save("smaps", temp.resolve("helper.smaps"));

        CommandRun run = CommandRun.of("where", "--file", smaps.toString(), hex("sysv"), hex("thread-stack-0"));

        assertThat(run.status()).isZero();
        // Without /proc/PID/task a thread's stack is anonymous memory.
        assertThat(run.out()).contains(" rw-s sysv-shm /SYSV00000000 (deleted); offset 0xa into the mapping")
                .containsPattern("\n0x" + hex("thread-stack-0") + ": 0x[0-9a-f]+-0x[0-9a-f]+ rw-p anonymous; offset ");
    }

    @Test
    void badInputIsOneLineAndItsStatus() {
        AnatomyCommandTest.assertOneLine(CommandRun.of("where", helper.pidArg(), "0x12zz"), ExitCode.USAGE,
                "vmtool where: '0x12zz' is not an address: give it in hex, with or without 0x (e.g. 0x7f0562302e4c),"
                        + " at most 16 digits (see 'vmtool where --help')");
        AnatomyCommandTest.assertOneLine(CommandRun.of("where", helper.pidArg(), "0x"), ExitCode.USAGE,
                "vmtool where: '0x' is not an address: give it in hex, with or without 0x (e.g. 0x7f0562302e4c),"
                        + " at most 16 digits (see 'vmtool where --help')");
        AnatomyCommandTest.assertOneLine(CommandRun.of("where", helper.pidArg()), ExitCode.USAGE,
                "vmtool where: an ADDRESS is missing: give one or more hex addresses, e.g. 'vmtool where "
                        + helper.pidArg() + " 0x7f0562302e4c' (see 'vmtool where --help')");
        AnatomyCommandTest.assertOneLine(CommandRun.of("where", "2147483647", "1000"), ExitCode.INPUT_FAILURE,
                "vmtool where: no process with PID 2147483647 (it may have exited); list processes with 'ps -e'");
        AnatomyCommandTest.assertOneLine(CommandRun.of("where", "--file", temp.resolve("gone").toString(), "1000"),
                ExitCode.INPUT_FAILURE, "vmtool where: cannot read " + temp.resolve("gone") + ": no such file");
    }
}
