package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vmtool.ExitCode;

/** vmtool map as users run it: statuses, one-line errors, and files written whole or not at all. */
class MapCommandTest {
    @TempDir
    Path dir;

    private static final String FILE = Helpers.HOMEWORK_SMAPS.toString();

    @Test
    void withoutATerminalItPrintsThePlainMap() {
        Helpers.Run run = Helpers.vmtool("map", "--file", FILE);
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith(FILE + "\n24 mappings, 103 MiB mapped").doesNotContain("\u001b");
    }

    @Test
    void usageErrorsAreOneLineWithStatusTwo() {
        for (String[] args : new String[][] {
                {"map"}, {"map", "1", "2"}, {"map", "abc"}, {"map", "1", "--file", FILE}, {"map", "--bogus", "1"},
                {"map", "--file", FILE, "--html", "-", "--svg", "-"}, {"map", "--html"}}) {
            Helpers.Run run = Helpers.vmtool(args);
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("vmtool map: ").endsWith("(see 'vmtool map --help')\n");
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void anUnreadableSourceIsStatusFour() {
        Helpers.Run missing = Helpers.vmtool("map", "--file", dir.resolve("nothing.smaps").toString());
        assertThat(missing.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(missing.err()).isEqualTo("vmtool map: cannot read " + dir.resolve("nothing.smaps")
                + ": no such file\n");
        Helpers.Run gone = Helpers.vmtool("map", "2147483647");
        assertThat(gone.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(gone.err()).startsWith("vmtool map: no process with PID 2147483647");
    }

    @Test
    void writesBothPicturesAndLeavesNothingElse() throws Exception {
        Path html = dir.resolve("map.html");
        Path svg = dir.resolve("map.svg");
        Helpers.Run run = Helpers.vmtool("map", "--file", FILE, "--html", html.toString(), "--svg", svg.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(Files.readString(svg)).startsWith("<?xml").endsWith("</svg>\n");
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("map.html", "map.svg");
        }
    }

    @Test
    void replacesAFileWholeKeepingItsPermissionsAndWritesThroughALink() throws Exception {
        Path real = dir.resolve("real.svg");
        Files.writeString(real, "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.svg"), real.getFileName());
        assertThat(Helpers.vmtool("map", "--file", FILE, "--svg", link.toString()).status()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("<?xml");
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void aFailedWriteIsStatus74AndLeavesTheOldFile() throws Exception {
        Helpers.Run noDir = Helpers.vmtool("map", "--file", FILE, "--html", dir.resolve("no/such/map.html").toString());
        assertThat(noDir.status()).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(noDir.err()).isEqualTo("vmtool map: cannot write " + dir.resolve("no/such/map.html")
                + ": no such directory\n");
        Helpers.Run isDir = Helpers.vmtool("map", "--file", FILE, "--svg", dir.toString());
        assertThat(isDir.status()).isEqualTo(ExitCode.OUTPUT_ERROR);
        assertThat(isDir.err()).isEqualTo("vmtool map: cannot write " + dir + ": it is a directory\n");

        // A read that fails after the output was named: the file there is left as it was, and no temp file stays.
        Path html = dir.resolve("keep.html");
        Files.writeString(html, "old");
        Path bad = dir.resolve("bad.smaps");
        Files.writeString(bad, "not an smaps line\n");
        Helpers.Run badInput = Helpers.vmtool("map", "--file", bad.toString(), "--html", html.toString());
        assertThat(badInput.status()).isEqualTo(ExitCode.INPUT_FAILURE);
        assertThat(Files.readString(html)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("bad.smaps", "keep.html");
        }
    }

    @Test
    void dashIsStandardOutput() {
        Helpers.Run run = Helpers.vmtool("map", "--file", FILE, "--svg", "-");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("<?xml").contains("data-start=\"561472fbd000\"");
    }

    @Test
    void helpNamesTheOptionsAndStatuses() {
        Helpers.Run run = Helpers.vmtool("map", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--html FILE").contains("--svg FILE").contains("--file FILE")
                .contains("NO_COLOR").containsPattern("\\n +74 +The map could not be written");
    }
}
