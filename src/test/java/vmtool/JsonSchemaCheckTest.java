package vmtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** JsonSchemaCheck accepts what its schema describes and fails, with the validator's words, on anything else. */
class JsonSchemaCheckTest {
    private static final Path DIR = Path.of("src/test/resources/json-schema-check");
    private static final Path SAMPLE = DIR.resolve("sample.schema.json");

    @Test
    void acceptsWhatTheSchemaDescribesWithARefToASiblingFile() {
        JsonSchemaCheck.assertValid(SAMPLE, "{\"schema\":\"vmtool-sample\",\"schema_version\":2,\"start\":\"0x7f00\"}");
    }

    @Test
    void aMemberTheSchemaDoesNotDescribeFailsAndIsNamed() {
        assertThatThrownBy(() -> JsonSchemaCheck.assertValid(SAMPLE,
                "{\"schema\":\"vmtool-sample\",\"schema_version\":2,\"start\":\"0x7f00\",\"format\":\"x\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("src/test/resources/json-schema-check/sample.schema.json")
                .hasMessageContaining("format");
    }

    @Test
    void aValueTheReferencedDefinitionRefusesFailsAtItsLocation() {
        assertThat(JsonSchemaCheck.errors(SAMPLE, "{\"schema\":\"vmtool-sample\",\"schema_version\":2,\"start\":\"7F00\"}"))
                .singleElement().asString().startsWith("/start: ");
        assertThat(JsonSchemaCheck.errors(SAMPLE, "{\"schema\":\"vmtool-sample\",\"schema_version\":1,\"start\":\"0x1\"}"))
                .singleElement().asString().startsWith("/schema_version: ");
    }

    @Test
    void aMemberTwiceOrTextAfterTheValueFailsBeforeTheSchemaIsAsked() {
        assertThat(JsonSchemaCheck.errors(SAMPLE,
                "{\"schema\":\"vmtool-sample\",\"schema_version\":2,\"start\":\"0x1\",\"start\":\"0x2\"}"))
                .singleElement().asString().contains("Duplicate field 'start'");
        assertThat(JsonSchemaCheck.errors(SAMPLE, "{\"schema\":\"vmtool-sample\",\"schema_version\":2,\"start\":\"0x1\"} {}"))
                .singleElement().asString().startsWith("not one strict JSON value");
        assertThat(JsonSchemaCheck.errors(SAMPLE, "")).containsExactly("not one strict JSON value: no value at all");
    }

    @Test
    void aSchemaThatIsNotDraft2020_12OrNotValidIsRefused() {
        assertThatThrownBy(() -> JsonSchemaCheck.assertValid(DIR.resolve("old-draft.schema.json"), "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("\"$schema\" must be");
        assertThatThrownBy(() -> JsonSchemaCheck.assertValid(DIR.resolve("not-a-schema.schema.json"), "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not a valid draft 2020-12 schema")
                .hasMessageContaining("/type: ");
    }

    @Test
    void anOutputNameMeansItsFileInDocsSchema() {
        assertThat(JsonSchemaCheck.schemaFile("pages").toString()).endsWith("/docs/schema/pages.schema.json");
    }
}
