package io.trace2train.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.trace2train.api.record.ComplianceRecord;
import java.util.List;

/**
 * The JSON Schema of {@code compliance-eval-record/v1}, shipped in the api jar; every record is checked against it
 * before it is written, and {@code trace2train validate} checks record files with it.
 */
public final class RecordSchema {

    static final String RESOURCE = "/io/trace2train/api/record/compliance-eval-record-v1.schema.json";

    private static final JsonSchema SCHEMA = load();

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
     * The record's line ({@link RecordJson#write}'s form), checked against the schema first: the check's own tree is
     * what is written, so the record is serialized once, not once for the check and again for the line.
     *
     * @throws IllegalStateException when a record the engine built breaks its own schema (a bug, never data)
     */
    public static String checkedLine(ComplianceRecord record) {
        return RecordJson.write(checked(record), record.recordId());
    }

    private static JsonNode checked(ComplianceRecord record) {
        JsonNode tree = RecordJson.mapper().valueToTree(record);
        List<String> problems = validate(tree);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("record of task " + record.taskId() + " breaks "
                    + ComplianceRecord.SCHEMA_VERSION + ": " + problems);
        }
        return tree;
    }
}
