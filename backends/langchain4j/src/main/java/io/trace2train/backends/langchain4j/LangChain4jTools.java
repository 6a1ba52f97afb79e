package io.trace2train.backends.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import io.trace2train.api.backend.BackendException;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tool definitions to LangChain4j {@link ToolSpecification}s and LangChain4j's tool calls back. A specification's
 * parameters must be a {@link JsonObjectSchema}, whose OpenAI rendering (non-strict) writes only {@code type,
 * description, properties, required, $defs}; every property and definition goes as a {@link JsonRawSchema}, which
 * LangChain4j sends verbatim, so the schema below the top level is sent exactly as defined. A top-level keyword that
 * rendering would drop ({@code additionalProperties}, {@code title}, ...) is refused rather than silently sent
 * altered, as the seed is.
 */
final class LangChain4jTools {

    /** The top-level keywords LangChain4j 1.11 sends for a tool's parameters. */
    private static final Set<String> CARRIED = Set.of("type", "description", "properties", "required", "$defs");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LangChain4jTools() {
    }

    static List<ToolSpecification> specifications(List<ToolDefinition> tools) {
        return tools.stream().map(LangChain4jTools::specification).toList();
    }

    /**
     * @throws BackendException (not retriable) naming the tool and the keyword where the parameters cannot be sent
     *     as defined
     */
    static ToolSpecification specification(ToolDefinition tool) {
        ToolSpecification.Builder builder = ToolSpecification.builder().name(tool.name())
                .description(tool.description().isEmpty() ? null : tool.description());
        Map<String, Object> schema = tool.parameters();
        if (schema.isEmpty()) {
            // no parameters: LangChain4j sends the empty object schema, OpenAI's meaning of "no parameters"
            return builder.build();
        }
        Set<String> dropped = new TreeSet<>(schema.keySet());
        dropped.removeAll(CARRIED);
        if (!dropped.isEmpty()) {
            throw refused(tool, "keyword(s) " + dropped + " at the top of its parameters schema would be dropped by"
                    + " LangChain4j's tool schema, which carries only " + new TreeSet<>(CARRIED) + " there");
        }
        Object type = schema.get("type");
        if (type != null && !"object".equals(type)) {
            throw refused(tool, "its parameters schema must have type \"object\", got " + JSON.valueToTree(type));
        }
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder()
                .addProperties(raw(tool, "properties", schema.get("properties")))
                .definitions(raw(tool, "$defs", schema.get("$defs")));
        Object description = schema.get("description");
        if (description != null) {
            if (!(description instanceof String text)) {
                throw refused(tool, "'description' of its parameters must be a string");
            }
            parameters.description(text);
        }
        Object required = schema.get("required");
        if (required != null) {
            if (!(required instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                throw refused(tool, "'required' of its parameters must be a list of names");
            }
            parameters.required(names.stream().map(String.class::cast).toList());
        }
        return builder.parameters(parameters.build()).build();
    }

    /** Each entry of a {@code properties} or {@code $defs} object, as the JSON text LangChain4j sends verbatim. */
    private static Map<String, JsonSchemaElement> raw(ToolDefinition tool, String keyword, Object value) {
        Map<String, JsonSchemaElement> raw = new LinkedHashMap<>();
        if (value == null) {
            return raw;
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw refused(tool, "'" + keyword + "' of its parameters must be an object");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?>)) {
                // LangChain4j reads a raw schema back as an object; a boolean schema would not survive
                throw refused(tool, "'" + keyword + "." + entry.getKey() + "' must be a schema object");
            }
            try {
                raw.put(String.valueOf(entry.getKey()), JsonRawSchema.from(JSON.writeValueAsString(entry.getValue())));
            } catch (JsonProcessingException e) {
                throw refused(tool, "'" + keyword + "." + entry.getKey() + "' is not JSON (" + e.getOriginalMessage()
                        + ")");
            }
        }
        return raw;
    }

    private static BackendException refused(ToolDefinition tool, String why) {
        return new BackendException("tool '" + tool.name() + "' cannot be sent as defined: " + why, false);
    }

    /** A previous turn's call, as LangChain4j sends it again. */
    static ToolExecutionRequest request(ToolCall call) {
        return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments()).build();
    }

    /**
     * A call the model made. Its arguments are kept as sent (a missing text becomes empty: a malformed call for the
     * engine to answer, not one fixed up here); a call without an id (the legacy {@code function_call}) cannot be
     * answered, so it is an error.
     */
    static ToolCall call(ToolExecutionRequest request, int index) {
        if (request.id() == null || request.name() == null) {
            throw new BackendException("tool call " + index + " of the answer has no " + (request.id() == null ? "id"
                    : "function name") + ": the endpoint must answer with OpenAI's tool_calls", false);
        }
        return new ToolCall(request.id(), request.name(), request.arguments() == null ? "" : request.arguments());
    }
}
