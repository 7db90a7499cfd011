package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vmtool.ExitCode;
import vmtool.Fixture;
import vmtool.JsonSchemaCheck;

/**
 * Snapshots of schema version 1, as vmtool wrote them before version 2 (src/test/resources/snapshot-v1: {@code pmap
 * --json} of the anatomy helper, with its System V segment, thread stacks and deleted file; of the names helper,
 * whose names are not all UTF-8; and of a saved maps file of it, where no process is known), still read back
 * everywhere {@code --file} reads: pmap prints from each, in every mode, the bytes that vmtool printed from it when it
 * wrote version 1 (the {@code .txt} files beside, made then); turned into version 2 by {@code pmap --json --file},
 * they hold to the schema and print the same again; anatomy, where and diff read them as they read version 2.
 */
class SnapshotVersion1Test {
    private static final String DIR = "/snapshot-v1/";

    @TempDir
    Path dir;

    /** A run through the real command line (the fake /proc's context: a --file names everything it reads). */
    private static Fixture.Run run(String... args) {
        return Fixture.vmtool(args).run();
    }

    static Stream<Arguments> goldenOutputs() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : List.of("", "-x", "-X", "-XX", "-d")) {
            cases.add(Arguments.of("anatomy", mode));
            cases.add(Arguments.of("names", mode));
        }
        cases.add(Arguments.of("names-maps", ""));
        cases.add(Arguments.of("names-maps", "-d"));
        return cases.stream();
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = SnapshotVersion1Test.class.getResourceAsStream(DIR + name)) {
                assertThat(in).as("test resource %s", name).isNotNull();
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }

    private static String[] pmap(String mode, Path file) {
        return mode.isEmpty() ? new String[] {"pmap", "--file", file.toString()}
                : new String[] {"pmap", mode, "--file", file.toString()};
    }

    /**
     * The output with the file's path as the golden output names it ({@code NAME.json}): pmap's header line names a
     * saved file that holds no process by its path as given.
     */
    private static byte[] named(byte[] out, Path file, String snapshot) {
        return new String(out, StandardCharsets.ISO_8859_1).replace(file.toString(), snapshot + ".json")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private Path version2(String snapshot) throws IOException {
        Fixture.Run json = run("pmap", "--json", "--file", resource(snapshot + ".json").toString());
        assertThat(json.status()).as(json.err()).isZero();
        Path file = dir.resolve(snapshot + ".v2.json");
        Files.write(file, json.out());
        return file;
    }

    @ParameterizedTest(name = "pmap {1} --file {0}.json")
    @MethodSource("goldenOutputs")
    void pmapPrintsWhatItPrintedWhenVersion1WasWritten(String snapshot, String mode) throws IOException {
        byte[] expected = Files.readAllBytes(resource(snapshot + ".pmap" + mode + ".txt"));

        Path v1File = resource(snapshot + ".json");
        Fixture.Run v1 = run(pmap(mode, v1File));
        assertThat(v1.status()).as(v1.err()).isZero();
        assertThat(named(v1.out(), v1File, snapshot)).as("pmap %s of version 1", mode).isEqualTo(expected);

        Path v2File = version2(snapshot);
        Fixture.Run v2 = run(pmap(mode, v2File));
        assertThat(v2.status()).as(v2.err()).isZero();
        assertThat(named(v2.out(), v2File, snapshot)).as("pmap %s of it written as version 2", mode)
                .isEqualTo(expected);
    }

    @Test
    void version1BecomesVersion2ThatHoldsToTheSchema() throws IOException {
        for (String snapshot : List.of("anatomy", "names", "names-maps")) {
            String v1 = Files.readString(resource(snapshot + ".json"));
            assertThat(v1).startsWith("{\"format\":\"vmtool-address-space\",\"schema_version\":1,");
            String v2 = Files.readString(version2(snapshot));
            assertThat(v2).startsWith("{\"schema\":\"vmtool-address-space\",\"schema_version\":2,");
            JsonSchemaCheck.assertValid("address-space", v2);
            // Written again from version 2, it is the same version 2 (but for when and from where it was written).
            Fixture.Run again = run("pmap", "--json", "--file", version2(snapshot).toString());
            assertThat(withoutTimeAndSource(again.text())).isEqualTo(withoutTimeAndSource(v2));
        }
    }

    @Test
    void anatomyWhereAndDiffReadVersion1AsVersion2() throws IOException {
        for (String snapshot : List.of("anatomy", "names")) {
            Path v1 = resource(snapshot + ".json");
            Path v2 = version2(snapshot);
            String address = firstStart(Files.readString(v2));
            for (String[] command : List.of(new String[] {"anatomy", "--detail"}, new String[] {"anatomy", "--json"},
                    new String[] {"where", address}, new String[] {"where", "--json", address})) {
                Fixture.Run fromV1 = run(concat(command, "--file", v1.toString()));
                Fixture.Run fromV2 = run(concat(command, "--file", v2.toString()));
                assertThat(fromV1.status()).as("%s: %s", String.join(" ", command), fromV1.err()).isZero();
                assertThat(fromV1.text().replace(v1.toString(), "FILE"))
                        .as("vmtool %s of version 1", String.join(" ", command))
                        .isEqualTo(fromV2.text().replace(v2.toString(), "FILE"));
            }
            Fixture.Run diff = run("diff", v1.toString(), v2.toString());
            assertThat(diff.status()).as("diff of version 1 and 2 of one snapshot: %s%s", diff.text(), diff.err())
                    .isEqualTo(ExitCode.OK);
        }
    }

    private static String withoutTimeAndSource(String snapshot) {
        return snapshot.replaceFirst("\"time\":\"[^\"]*\",\"source\":\"[^\"]*\"", "");
    }

    private static String firstStart(String snapshot) {
        int at = snapshot.indexOf("\"start\":\"0x") + "\"start\":\"".length();
        return snapshot.substring(at, snapshot.indexOf('"', at));
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = new String[command.length + more.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
