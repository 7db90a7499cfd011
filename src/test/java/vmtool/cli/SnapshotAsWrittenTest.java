package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmtool.Fixture;
import vmtool.JsonSchemaCheck;

/**
 * A saved smaps may write a start, an offset or an inode otherwise than the kernel does (zero-padded to 16 digits, an
 * inode with a leading zero), and pmap prints them as written. Its snapshot (version 2) keeps that text in
 * {@code as_written}, for those mappings only, so that every pmap mode prints from the snapshot what it prints from
 * the file; the snapshot still holds to its schema.
 */
class SnapshotAsWrittenTest {
    @TempDir
    Path dir;

    private static byte[] run(String... args) {
        Fixture.Run run = Fixture.vmtool(args).run();
        assertThat(run.status()).as("vmtool %s: %s", String.join(" ", args), run.err()).isZero();
        return run.out();
    }

    @Test
    void pmapPrintsFromTheSnapshotWhatTheFileWrote() throws Exception {
        String smaps = Files.readString(Fixture.PROC.resolve("32436/smaps"), StandardCharsets.ISO_8859_1);
        String first = smaps.substring(0, smaps.indexOf('\n'));
        assertThat(first).startsWith("560481f51000-560481f53000 r--p 00000000 fe:00 260875 ");
        String odd = smaps.replaceFirst("560481f51000-560481f53000 r--p 00000000 fe:00 260875 ",
                "0000560481f51000-560481f53000 r--p 0000000000000000 fe:00 0260875 ");
        Path saved = dir.resolve("odd.smaps");
        Files.writeString(saved, odd, StandardCharsets.ISO_8859_1);

        String json = new String(run("pmap", "--json", "--file", saved.toString()), StandardCharsets.UTF_8);
        JsonSchemaCheck.assertValid("address-space", json);
        List<String> lines = json.lines().toList();
        assertThat(lines.get(1)).contains("\"start\":\"0x560481f51000\"", "\"offset\":\"0x0\"", "\"inode\":260875")
                .endsWith(",\"as_written\":{\"start\":\"0000560481f51000\",\"offset\":\"0000000000000000\","
                        + "\"inode\":\"0260875\"}}");
        assertThat(lines.subList(2, lines.size())).noneMatch(line -> line.contains("as_written"));
        Path snapshot = dir.resolve("odd.json");
        Files.writeString(snapshot, json);

        for (String mode : List.of("-X", "-XX", "-x", "-d")) {
            String fromFile = new String(run("pmap", mode, "--file", saved.toString()), StandardCharsets.ISO_8859_1);
            String fromSnapshot = new String(run("pmap", mode, "--file", snapshot.toString()),
                    StandardCharsets.ISO_8859_1);
            assertThat(fromSnapshot.replace(snapshot.toString(), "FILE")).as("pmap %s", mode)
                    .isEqualTo(fromFile.replace(saved.toString(), "FILE"));
        }
        assertThat(new String(run("pmap", "-X", "--file", snapshot.toString()), StandardCharsets.ISO_8859_1))
                .contains("0000560481f51000 r--p 0000000000000000  fe:00 0260875");
    }
}
