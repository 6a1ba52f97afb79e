package io.trace2train.verifiers.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.DisallowSchemaLoader;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compiled JSON Schemas of tools' parameters, as {@code tool:arguments_valid} applies them. Three choices:
 * <ul>
 * <li>an object schema that lists {@code properties} and says nothing of {@code additionalProperties} admits no
 *     other property (the "no unknown properties"; τ-bench's and most agents' tool schemas leave it out);</li>
 * <li>{@code 1.0} is an integer (JSON Schema 2020-12: integers are numbers without a fractional part);</li>
 * <li>no {@code $ref} is fetched: a tool list from a log must not make the verifier open a URL or a file;</li>
 * <li>{@code pattern}s match with a work budget ({@link BoundedPatterns}).</li>
 * </ul>
 * Compiled schemas are kept per parameters object (episodes of one task offer the same tools), in a bounded cache.
 */
final class ToolSchemas {

    private static final int CACHED = 512;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.values(list -> {
                list.clear();
                list.add(DisallowSchemaLoader.getInstance());
            })));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH).losslessNarrowing(true)
            .regularExpressionFactory(new BoundedPatterns()).build();
    private static final Map<Map<String, Object>, JsonSchema> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, JsonSchema> eldest) {
                    return size() > CACHED;
                }
            });

    private ToolSchemas() {
    }

    /**
     * The schema of a tool's parameters.
     *
     * @throws RuntimeException from the validator library when the schema itself is broken (or refers elsewhere)
     */
    static JsonSchema of(Map<String, Object> parameters) {
        JsonSchema cached = CACHE.get(parameters);
        if (cached != null) {
            return cached;
        }
        ObjectNode schema = (ObjectNode) CallArguments.tree(parameters);
        closeObjects(schema);
        JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
        compiled.initializeValidators(); // a broken $ref fails here, not halfway through a validation
        CACHE.put(parameters, compiled);
        return compiled;
    }

    /** Adds {@code additionalProperties: false} to every object schema that lists properties and is silent on it. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("properties") instanceof ObjectNode && !object.has("additionalProperties")
                    && !object.has("patternProperties") && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                closeObjects(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ToolSchemas::closeObjects);
        }
    }
}
