package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vmtool.ExitCode;
import vmtool.JsonSchemaCheck;
import vmtool.diff.Diff;
import vmtool.model.MappingKind;

/**
 * Every JSON output of vmtool, made by the real command line from processes this test starts (src/test/c's
 * anatomy, names and differ helpers) and from saved copies of their smaps and maps, holds to its schema in
 * docs/schema (draft 2020-12) and to the convention of docs/json.md: {@code schema} and {@code schema_version}
 * first. Each schema describes every member: a member added to any object of a real output fails it.
 * ({@code touch --json} is checked in TouchCommandTest, on a real run.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOutputsSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private AnatomyHelper anatomy;
    private NamesHelper names;
    /** Each output's schema name to the real outputs made of it, by a description of how they were made. */
    private final Map<String, Map<String, String>> outputs = new LinkedHashMap<>();

    @BeforeAll
    void makeEveryOutput() throws Exception {
        anatomy = AnatomyHelper.start();
        names = NamesHelper.start();
        Path smaps = anatomy.save("smaps", dir.resolve("anatomy.smaps"));
        Path maps = anatomy.save("maps", dir.resolve("anatomy.maps"));
        String pid = anatomy.pidArg();
        String mapped = hex(anatomy.printed("heap").address());
        String unmapped = "0x1000";
        String aboveAll = "0xfffffffff000";

        Path snapshot = dir.resolve("anatomy.json");
        Files.writeString(snapshot, output("address-space", "pmap --json PID", "pmap", "--json", pid));
        output("address-space", "pmap --json of names that are not UTF-8", "pmap", "--json", names.pidArg());
        output("address-space", "pmap --json --file SMAPS", "pmap", "--json", "--file", smaps.toString());
        output("address-space", "pmap --json --file MAPS", "pmap", "--json", "--file", maps.toString());
        output("address-space", "pmap --json --file SNAPSHOT", "pmap", "--json", "--file", snapshot.toString());

        output("anatomy", "anatomy --json PID", "anatomy", "--json", pid);
        output("anatomy", "anatomy --json --detail PID", "anatomy", "--json", "--detail", pid);
        output("anatomy", "anatomy --json --detail of names", "anatomy", "--json", "--detail", names.pidArg());
        output("anatomy", "anatomy --json --detail --file MAPS", "anatomy", "--json", "--detail", "--file",
                maps.toString());

        output("where", "where --json PID", "where", "--json", pid, mapped, unmapped, aboveAll,
                hex(anatomy.printed("library").address()), hex(anatomy.printed("stack").address()));
        output("where", "where --json of names", "where", "--json", names.pidArg(), hex(names.mapped(2)),
                hex(names.threadStackAddress()));
        output("where", "where --json --file MAPS", "where", "--json", "--file", maps.toString(), mapped, unmapped);

        try (DifferHelper differ = DifferHelper.start()) {
            Path before = dir.resolve("before.json");
            Files.writeString(before, CommandRun.of("pmap", "--json", Long.toString(differ.pid())).out());
            differ.step();
            Path after = dir.resolve("after.json");
            Files.writeString(after, CommandRun.of("pmap", "--json", Long.toString(differ.pid())).out());
            String diff = output("diff", "diff --json BEFORE AFTER", "diff", "--json", before.toString(),
                    after.toString());
            JsonNode tree = JSON.readTree(diff);
            assertThat(tree.get("added")).as("the differ helper's added region").isNotEmpty();
            assertThat(tree.get("removed")).as("its removed region").isNotEmpty();
            assertThat(tree.get("changed")).as("its grown and split regions").isNotEmpty();
            output("diff", "diff --json of one snapshot with itself", "diff", "--json", before.toString(),
                    before.toString());
        }
    }

    @AfterAll
    void stopHelpers() throws Exception {
        if (anatomy != null) {
            anatomy.close();
        }
        if (names != null) {
            names.close();
        }
    }

    private String output(String schema, String how, String... args) {
        CommandRun run = CommandRun.of(args);
        // where says with DIFFERENT that an address is not mapped, diff that the snapshots differ: output complete.
        assertThat(run.status()).as("vmtool %s: %s", String.join(" ", args), run.err())
                .isIn(ExitCode.OK, args[0].equals("pmap") || args[0].equals("anatomy") ? ExitCode.OK
                        : ExitCode.DIFFERENT);
        outputs.computeIfAbsent(schema, key -> new LinkedHashMap<>()).put(how, run.out());
        return run.out();
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    @Test
    void everyOutputHoldsToItsSchema() {
        assertThat(outputs).containsOnlyKeys("address-space", "anatomy", "where", "diff");
        outputs.forEach((schema, made) -> made.forEach((how, json) -> {
            assertThat(json).as(how).startsWith("{\"schema\":\"vmtool-" + schema + "\",\"schema_version\":2,");
            try {
                JsonSchemaCheck.assertValid(schema, json);
            } catch (AssertionError e) {
                throw new AssertionError(how + ": " + e.getMessage(), e);
            }
        }));
    }

    /** Where the convention says null: nothing known of a process in a saved file, no sizes in a maps file. */
    @Test
    void whatASavedFileDoesNotKnowIsNull() throws Exception {
        JsonNode snapshot = JSON.readTree(outputs.get("address-space").get("pmap --json --file MAPS"));
        assertThat(snapshot.get("process").get("pid").isNull()).isTrue();
        assertThat(snapshot.get("process").get("cmdline").isNull()).isTrue();
        assertThat(snapshot.get("mappings").get(0).get("smaps").isNull()).isTrue();
        JsonNode anatomyOfMaps = JSON.readTree(outputs.get("anatomy").get("anatomy --json --detail --file MAPS"));
        assertThat(anatomyOfMaps.get("pid").isNull()).isTrue();
        assertThat(anatomyOfMaps.get("total").get("rss_kb").isNull()).isTrue();
        JsonNode live = JSON.readTree(outputs.get("address-space").get("pmap --json PID"));
        assertThat(live.get("process").get("pid").asLong()).isEqualTo(anatomy.pid());
        List<String> tids = new ArrayList<>();
        for (JsonNode mapping : live.get("mappings")) {
            tids.add(mapping.get("tid").isNull() ? "null" : mapping.get("tid").isInt() ? "tid" : "other");
        }
        assertThat(tids).as("tid: a thread's id or null, never 0").contains("tid", "null").doesNotContain("other");
    }

    /**
     * A member that the schema does not describe fails it, at every level: each object of each real output, with
     * one member more, is refused. (An smaps object takes any kernel key, but only with a number.)
     */
    @Test
    void aMemberTheSchemaDoesNotDescribeFailsIt() throws Exception {
        int objects = 0;
        for (Map.Entry<String, Map<String, String>> schema : outputs.entrySet()) {
            for (Map.Entry<String, String> made : schema.getValue().entrySet()) {
                JsonNode root = JSON.readTree(made.getValue());
                for (String pointer : objectPointers(root, "")) {
                    JsonNode changed = root.deepCopy();
                    ((ObjectNode) changed.at(pointer)).put("not_in_the_schema", "x");
                    assertThat(JsonSchemaCheck.errors(schema.getKey(), JSON.writeValueAsString(changed)))
                            .as("%s, with a member added at '%s'", made.getKey(), pointer).isNotEmpty();
                    objects++;
                }
            }
        }
        assertThat(objects).isGreaterThan(100);
    }

    /** JSON Pointers of every object in the tree, the root first; of an array's objects, the first and last. */
    private static List<String> objectPointers(JsonNode node, String pointer) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            pointers.add(pointer);
            node.fields().forEachRemaining(field -> pointers.addAll(
                    objectPointers(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0")
                            .replace("/", "~1"))));
        } else if (node.isArray() && !node.isEmpty()) {
            pointers.addAll(objectPointers(node.get(0), pointer + "/0"));
            if (node.size() > 1) {
                pointers.addAll(objectPointers(node.get(node.size() - 1), pointer + "/" + (node.size() - 1)));
            }
        }
        return pointers;
    }

    /** The schemas' lists of kinds and of diff's matches are the code's, so that neither drifts. */
    @Test
    void theSchemasListTheCodesKindsAndMatches() throws Exception {
        JsonNode common = JSON.readTree(Files.readString(JsonSchemaCheck.schemaFile("common"),
                StandardCharsets.UTF_8));
        List<String> kinds = new ArrayList<>();
        common.at("/$defs/kind/enum").forEach(kind -> kinds.add(kind.asText()));
        assertThat(kinds).containsExactlyElementsOf(Arrays.stream(MappingKind.values()).map(MappingKind::id)
                .toList());
        JsonNode diff = JSON.readTree(Files.readString(JsonSchemaCheck.schemaFile("diff"), StandardCharsets.UTF_8));
        List<String> matches = new ArrayList<>();
        diff.at("/$defs/change/properties/match/enum").forEach(match -> matches.add(match.asText()));
        assertThat(matches).containsExactlyElementsOf(Arrays.stream(Diff.Match.values()).map(Diff.Match::id)
                .toList());
    }
}
