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
        List<String> problems = validate(RecordJson.mapper().valueToTree(record));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("record of task " + record.taskId() + " breaks "
                    + ComplianceRecord.SCHEMA_VERSION + ": " + problems);
        }
    }
}
