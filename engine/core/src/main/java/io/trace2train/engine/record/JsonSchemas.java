package io.trace2train.engine.record;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads JSON Schemas (2020-12) shipped as resources: the record schema, each export format's row schema. */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /**
     * @param owner a class of the jar that ships the schema (a plugin's resources are in its own class loader)
     * @throws IllegalStateException when the jar lacks it
     */
    public static JsonSchema load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + resource + " missing from the jar of "
                        + owner.getName());
            }
            // JSON-path locations ($.attempts[0].seed) read like the field names of every other input error
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
