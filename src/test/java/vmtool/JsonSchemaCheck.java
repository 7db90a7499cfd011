package vmtool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a JSON output against its JSON Schema (draft 2020-12) in {@code docs/schema/NAME.schema.json}, as in
 * {@code JsonSchemaCheck.assertValid("pages", json)}. A failure names the schema and lists the validator's messages,
 * each with where in the output it applies. The schema itself is first checked against the 2020-12 meta-schema, so a
 * typo in a keyword fails too. {@code $ref}s resolve relative to the schema's file (e.g. {@code common.schema.json}
 * beside it); nothing is fetched from the network.
 *
 * <p>The output is parsed strictly: a member that appears twice in one object, or text after the value, fails
 * before the schema is asked. A schema with {@code "additionalProperties": false} makes a member it does not
 * describe fail.
 */
public final class JsonSchemaCheck {
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final int MAX_MESSAGES = 20;
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** file: IRIs (a schema and the files its $refs name) are read here; the meta-schemas come from the jar. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(JsonSchemaCheck::fileText));
    private static final Map<Path, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemaCheck() {
    }

    /** The schema file of an output: {@code docs/schema/NAME.schema.json} in this checkout. */
    public static Path schemaFile(String output) {
        return root().resolve("docs").resolve("schema").resolve(output + ".schema.json");
    }

    /** Fails unless {@code json} is one JSON value that {@code docs/schema/OUTPUT.schema.json} accepts. */
    public static void assertValid(String output, String json) {
        assertValid(schemaFile(output), json);
    }

    /** Fails unless {@code json} is one JSON value that the schema in {@code schemaFile} accepts. */
    public static void assertValid(Path schemaFile, String json) {
        List<String> errors = errors(schemaFile, json);
        if (!errors.isEmpty()) {
            throw new AssertionError(describe(schemaFile, errors, json));
        }
    }

    /** The validator's messages for {@code json} against {@code docs/schema/OUTPUT.schema.json}; empty if valid. */
    public static List<String> errors(String output, String json) {
        return errors(schemaFile(output), json);
    }

    /**
     * The validator's messages for {@code json} against the schema in {@code schemaFile}, each as "POINTER: MESSAGE"
     * (a JSON Pointer: {@code /mappings/3/start});
     * empty if it is valid. JSON that does not parse strictly gives one message saying why.
     */
    public static List<String> errors(Path schemaFile, String json) {
        Schema schema = schema(schemaFile);
        JsonNode instance;
        try {
            instance = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not one strict JSON value: " + e.getOriginalMessage());
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of("not one strict JSON value: no value at all");
        }
        List<String> messages = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            messages.add(where(error) + ": " + error.getMessage());
        }
        return messages;
    }

    private static Schema schema(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return SCHEMAS.computeIfAbsent(absolute, JsonSchemaCheck::load);
    }

    private static Schema load(Path file) {
        JsonNode node;
        try {
            node = STRICT.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + file, e);
        }
        if (!node.path("$schema").asText().equals(DRAFT_2020_12)) {
            throw new AssertionError(file + ": \"$schema\" must be \"" + DRAFT_2020_12 + "\", not "
                    + node.path("$schema"));
        }
        List<String> metaErrors = new ArrayList<>();
        for (Error error : REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12)).validate(node)) {
            metaErrors.add(where(error) + ": " + error.getMessage());
        }
        if (!metaErrors.isEmpty()) {
            throw new AssertionError(file + " is not a valid draft 2020-12 schema:\n  "
                    + String.join("\n  ", metaErrors));
        }
        return REGISTRY.getSchema(SchemaLocation.of(file.toUri().toString()), node);
    }

    /** Where in the document an error applies, as a JSON Pointer; "/" for the whole document. */
    private static String where(Error error) {
        String pointer = error.getInstanceLocation().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String fileText(String iri) {
        if (!iri.startsWith("file:")) {
            return null;
        }
        try {
            return Files.readString(Path.of(URI.create(iri)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + iri + ", which a schema refers to", e);
        }
    }

    private static String describe(Path schemaFile, List<String> errors, String json) {
        StringBuilder text = new StringBuilder();
        Path shown = schemaFile.toAbsolutePath().normalize();
        if (shown.startsWith(root())) {
            shown = root().relativize(shown);
        }
        text.append("the output does not match ").append(shown)
                .append(" (").append(errors.size()).append(errors.size() == 1 ? " error" : " errors").append("):");
        for (String error : errors.subList(0, Math.min(errors.size(), MAX_MESSAGES))) {
            text.append("\n  ").append(error);
        }
        if (errors.size() > MAX_MESSAGES) {
            text.append("\n  ... and ").append(errors.size() - MAX_MESSAGES).append(" more");
        }
        String start = json.length() > 400 ? json.substring(0, 400) + "..." : json;
        return text.append("\nthe output begins:\n").append(start).toString();
    }

    /** The checkout: the nearest directory above the working directory that holds pom.xml. */
    private static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
