package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool an agent may call: an OpenAI function definition. In JSON it is OpenAI's shape,
 * {@code {"type": "function", "function": {"name", "description", "parameters"}}}; the flat form
 * {@code {"name", "description", "parameters"}} some logs use is read too.
 *
 * @param name the function's name
 * @param description what it does, for the model (empty when none is given)
 * @param parameters the JSON Schema of its arguments object, as JSON-shaped values (maps, lists, strings, numbers,
 *     booleans); empty for a tool without parameters
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {

    public ToolDefinition {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters")));
    }

    /** OpenAI's JSON shape. */
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("description", description);
        function.put("parameters", parameters);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "function");
        json.put("function", function);
        return json;
    }

    /**
     * Reads OpenAI's shape or the flat one.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong type
     */
    @JsonCreator
    public static ToolDefinition fromJson(Map<String, Object> json) {
        Map<String, Object> function = json.containsKey("function") ? JsonFields.object(json, "function", "tool")
                : json;
        Object type = json.get("type");
        if (json != function && type != null && !"function".equals(type)) {
            throw new IllegalArgumentException("tool: field 'type' must be \"function\", got "
                    + JsonFields.describe(type));
        }
        String name = JsonFields.string(function, "name", "tool");
        Map<String, Object> parameters = function.get("parameters") == null ? Map.of()
                : JsonFields.object(function, "parameters", "tool " + name);
        return new ToolDefinition(name, JsonFields.optionalString(function, "description", "tool " + name),
                parameters);
    }
}
