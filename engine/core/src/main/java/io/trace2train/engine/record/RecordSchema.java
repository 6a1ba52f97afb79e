package io.trace2train.engine.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.trace2train.api.record.ComplianceRecord;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of {@code compliance-eval-record/v1}, shipped in the api jar; every record is checked against it
 * before it is written, and {@code trace2train validate} checks record files with it.
 */
public final class RecordSchema {

    static final String RESOURCE = "/io/trace2train/api/record/compliance-eval-record-v1.schema.json";

    private static final JsonSchema SCHEMA = load();

    /** Reads back a line this engine just wrote, with the readers' limits (its keys are unique by construction). */
    private static final ObjectReader LINE = RecordJson.mapper().reader()
            .without(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RecordSchema() {
    }

    private static JsonSchema load() {
        return JsonSchemas.load(ComplianceRecord.class, RESOURCE);
    }

    /** Readable problems ({@code $.attempts[0].seed: string found, integer expected}); empty when valid. */
    public static List<String> validate(JsonNode record) {
        return SCHEMA.validate(record).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** @throws IllegalStateException when a record the engine built breaks its own schema (a bug, never data) */
    public static void check(ComplianceRecord record) {
        checked(record);
    }

    /**
     * The record's line ({@link RecordJson#write}'s form), checked against the schema first. The line is written once
     * and read back into the tree the schema checks, so the bytes checked are the bytes written, and the record is not
     * serialized a second time for the check (a line the readers refuse, a text past their limit, is checked from the
     * record instead).
     *
     * @throws IllegalStateException when a record the engine built breaks its own schema (a bug, never data)
     */
    public static String checkedLine(ComplianceRecord record) {
        String line = RecordJson.write(record);
        JsonNode tree;
        try {
            tree = LINE.readTree(line);
        } catch (StreamConstraintsException e) {
            tree = RecordJson.mapper().valueToTree(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a record written by this engine does not parse", e);
        }
        requireValid(tree, record);
        return line;
    }

    private static void checked(ComplianceRecord record) {
        requireValid(RecordJson.mapper().valueToTree(record), record);
    }

    private static void requireValid(JsonNode tree, ComplianceRecord record) {
        List<String> problems = validate(tree);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("record of task " + record.taskId() + " breaks "
                    + ComplianceRecord.SCHEMA_VERSION + ": " + problems);
        }
    }
}
