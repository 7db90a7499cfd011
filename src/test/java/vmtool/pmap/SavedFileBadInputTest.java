package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A saved file that is truncated, corrupted or not a saved file at all: one line on stderr naming the file (and the
 * line, where there is one), nothing on stdout, pmap's status 1; never a stack trace. Built from this JVM's own
 * smaps and snapshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedFileBadInputTest {
    private Path dir;
    private String smaps;
    private String json;

    @BeforeAll
    void save() throws IOException {
        dir = Files.createTempDirectory("vmtool-bad-");
        smaps = new String(Processes.readProc(Path.of("/proc/self/smaps")), StandardCharsets.ISO_8859_1);
        RunResult run = VmtoolRunner.inProcess(List.of("--json", Long.toString(ProcessHandle.current().pid())));
        json = new String(run.out(), StandardCharsets.UTF_8);
    }

    @AfterAll
    void clean() {
        Processes.deleteTree(dir);
    }

    Stream<Arguments> badFiles() {
        String[] lines = smaps.split("\n", -1);
        String secondMappingKeyless = smaps.replaceFirst("\nRss:", "\nRss_renamed:");
        return Stream.of(
                // An empty file is a kernel thread's smaps, shown as procps shows the kernel thread (KernelThreadTest).
                Arguments.of("a blank line", "\n", "line 1: expected a mapping line"),
                Arguments.of("text", "hello world\n", "line 1: expected a mapping line"),
                Arguments.of("a bad key line", lines[0] + "\n" + lines[1] + "\nRss 12 kB\n", "line 3: expected 'Key: value'"),
                Arguments.of("a bad number", lines[0] + "\n" + lines[1] + "\nRss: twelve kB\n", "line 3: expected a number"),
                Arguments.of("bad permissions", lines[0].replaceFirst(" [r-][w-][x-][ps] ", " rwxz ") + "\n", "line 1:"),
                Arguments.of("keys that differ", secondMappingKeyless, "this mapping's smaps keys"),
                Arguments.of("a NUL", lines[0] + "\n\0\n", "line 2:"),
                Arguments.of("truncated JSON", json.substring(0, json.length() / 2), "line "),
                Arguments.of("JSON, not a snapshot", "{\"a\": 1}\n", "not a vmtool snapshot"),
                Arguments.of("a newer schema", json.replace("\"schema_version\":2", "\"schema_version\":99"),
                        "line 1: schema version 99 is newer"),
                Arguments.of("a bad JSON value", json.replaceFirst("\"perms\":\"[^\"]*\"", "\"perms\":\"rwxz\""),
                        "line 2: "),
                Arguments.of("a JSON number out of range", json.replaceFirst("\"Rss\":[0-9]+", "\"Rss\":1e999"),
                        "line 2: "),
                Arguments.of("a bad JSON smaps key after the first mapping", secondMapping("\"Rss\":", "\"R:ss\":"),
                        "line 3: 'R:ss' is not an smaps key"),
                Arguments.of("JSON keys that differ", secondMapping("\"Rss\":", "\"Rss_renamed\":"),
                        "the mapping at "),
                Arguments.of("a JSON key fewer", secondMapping(",\"[A-Za-z_]+\":[0-9]+}", "}"),
                        "this mapping's smaps keys"),
                Arguments.of("a JSON key more", secondMapping("}(,\"vm_flags\")", ",\"More\":1}$1"),
                        "this mapping's smaps keys"),
                Arguments.of("text after the snapshot", json + "{}", "text after the end"),
                Arguments.of("deep JSON", "{\"x\":" + "[".repeat(100_000), "line 1: "),
                Arguments.of("a start after the end", withRange(1, "7f0000003000-7f0000001000"),
                        "line " + line(1) + ": the mapping 7f0000003000-7f0000001000 does not end after it starts"),
                Arguments.of("a mapping of no bytes", withRange(1, "7f0000001000-7f0000001000"),
                        "line " + line(1) + ": the mapping 7f0000001000-7f0000001000 does not end after it starts"),
                Arguments.of("mappings out of order", swapped(), "line " + line(1) + ": the mapping "
                        + shown(start(blocks()[0])) + "-" + shown(end(blocks()[0])) + " starts before the one before it ("
                        + shown(start(blocks()[1])) + "-" + shown(end(blocks()[1])) + ") ends"),
                Arguments.of("overlapping mappings", withRange(1, start(blocks()[0]) + "-" + end(blocks()[1])),
                        "line " + line(1) + ": the mapping " + shown(start(blocks()[0])) + "-" + shown(end(blocks()[1]))
                                + " starts before the one before it"),
                Arguments.of("JSON mappings out of order", secondMapping("\"start\":\"0x[0-9a-f]+\"", "\"start\":\"0x1000\""),
                        "line 3: the mapping 1000-"),
                Arguments.of("a JSON mapping of no bytes", secondMapping("\"start\":\"0x[0-9a-f]+\",\"end\":\"0x[0-9a-f]+\"",
                        "\"start\":\"0x7f0000001000\",\"end\":\"0x7f0000001000\""),
                        "line 3: the mapping 7f0000001000-7f0000001000 does not end after it starts"),
                Arguments.of("a version 2 address without 0x", secondMapping("\"end\":\"0x", "\"end\":\""),
                        "schema version 2 writes addresses and offsets with 0x"),
                Arguments.of("a version 2 address in upper case", secondMapping("\"start\":\"0x", "\"start\":\"0xA"),
                        "is not 0x and 1 to 16 lower-case hex digits"),
                Arguments.of("a version 1 snapshot with 0x", json.replace("\"schema\":\"vmtool-address-space\",\"schema_version\":2",
                        "\"format\":\"vmtool-address-space\",\"schema_version\":1"),
                        "schema version 1 writes addresses and offsets without 0x"),
                Arguments.of("as_written that is not the mapping's", secondMapping(",\"vm_flags\"",
                        ",\"as_written\":{\"start\":\"1\",\"offset\":\"0\",\"inode\":\"0\"},\"vm_flags\""),
                        "is not the mapping's start"));
    }

    /** The saved smaps cut into its mappings, each its mapping line and field lines. */
    private String[] blocks() {
        return smaps.split("\n(?=[0-9a-f]+-)");
    }

    /** The line of mapping {@code index} (from 0) in the saved smaps. */
    private int line(int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            line += blocks()[i].split("\n").length;
        }
        return line;
    }

    /**
     * An address as the message shows it: without the leading zeros of the kernel's %08lx (a mapping below
     * 0x10000000, such as a JVM's heap placed low for compressed oops, is written 08000000 and shown 8000000).
     */
    private static String shown(String hex) {
        return Long.toHexString(Long.parseUnsignedLong(hex, 16));
    }

    private static String start(String block) {
        return block.substring(0, block.indexOf('-'));
    }

    private static String end(String block) {
        return block.substring(block.indexOf('-') + 1, block.indexOf(' '));
    }

    /** The saved smaps with mapping {@code index}'s range replaced. */
    private String withRange(int index, String range) {
        String[] blocks = blocks();
        blocks[index] = range + blocks[index].substring(blocks[index].indexOf(' '));
        return String.join("\n", blocks);
    }

    /** The saved smaps with its first two mappings swapped. */
    private String swapped() {
        String[] blocks = blocks();
        String first = blocks[0];
        blocks[0] = blocks[1];
        blocks[1] = first;
        return String.join("\n", blocks);
    }

    /** The snapshot with the first match of {@code regex} in its second mapping (its line 3) replaced. */
    private String secondMapping(String regex, String replacement) {
        int from = json.indexOf('\n', json.indexOf('\n') + 1);
        int to = json.indexOf('\n', from + 1);
        String line = json.substring(from, to);
        String changed = line.replaceFirst(regex, replacement);
        assertThat(changed).as("the second mapping matches %s", regex).isNotEqualTo(line);
        return json.substring(0, from) + changed + json.substring(to);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void oneLineNamingTheFileAndTheLine(String what, String content, String expected) throws IOException {
        Path file = dir.resolve(what.replace(' ', '-'));
        Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
        for (List<String> mode : List.of(List.<String>of(), List.of("-X"), List.of("--json"))) {
            List<String> args = new java.util.ArrayList<>(mode);
            args.add("--file=" + file);
            RunResult run = VmtoolRunner.inProcess(args);

            assertThat(run.status()).as("%s %s", what, mode).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.errText()).as("%s %s", what, mode).hasLineCount(1)
                    .startsWith("vmtool pmap: " + file).contains(expected).doesNotContain("Exception");
        }
    }

    Stream<Arguments> unreadable() {
        return Stream.of(Arguments.of("a missing file", "/nonexistent/smaps", "cannot read /nonexistent/smaps: no such file"),
                Arguments.of("a directory", "/tmp", "cannot read /tmp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void aFileThatCannotBeRead(String what, String file, String expected) {
        RunResult run = VmtoolRunner.inProcess(List.of("--file", file));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errText()).hasLineCount(1).startsWith("vmtool pmap: " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withPid")
    void fileTakesNoPid(List<String> args) {
        RunResult run = VmtoolRunner.inProcess(args);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errText()).hasLineCount(1).contains("--file FILE takes no PID").contains("--help");
    }

    static Stream<List<String>> withPid() {
        return Stream.of(List.of("--file", "/dev/null", "1"), List.of("-X", "--file", "x", "1"));
    }
}
