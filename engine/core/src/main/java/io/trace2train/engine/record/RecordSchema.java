package io.trace2train.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.trace2train.api.record.ComplianceRecord;
import java.io.InputStream;
import java.util.List;

/**
 * The JSON Schema of {@code compliance-eval-record/v1}, shipped in the api jar; every record is checked against it
 * before it is written, and {@code trace2train validate} checks record files with it.
 */
public final class RecordSchema {

    public static final String RESOURCE = "/io/trace2train/api/record/compliance-eval-record-v1.schema.json";

    private static final JsonSchema SCHEMA = load();

    private RecordSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = ComplianceRecord.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("record schema missing from the api jar: " + RESOURCE);
            }
            // JSON-path locations ($.attempts[0].seed) read like the field names of every other input error
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
