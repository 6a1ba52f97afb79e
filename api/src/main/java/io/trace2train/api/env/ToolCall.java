package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function call an agent made, as OpenAI-format agent logs hold it. In JSON it is OpenAI's shape,
 * {@code {"id", "type": "function", "function": {"name", "arguments"}}}.
 *
 * @param id the call's id ({@code tool_call_id} of its result)
 * @param name the tool's name
 * @param arguments the arguments exactly as logged: a JSON text, which may be malformed (that is the agent's error,
 *     judged by constraints and answered by the environment, never fixed up here)
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(arguments, "arguments");
    }

    /** OpenAI's JSON shape. */
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", arguments);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", "function");
        json.put("function", function);
        return json;
    }

    /**
     * Reads OpenAI's JSON shape. {@code arguments} must be a string, as OpenAI logs it (importers that meet an
     * object re-encode it first).
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong type
     */
    @JsonCreator
    public static ToolCall fromJson(Map<String, Object> json) {
        String id = JsonFields.string(json, "id", "tool call");
        Object type = json.get("type");
        if (type != null && !"function".equals(type)) {
            throw new IllegalArgumentException("tool call " + id + ": field 'type' must be \"function\", got "
                    + JsonFields.describe(type));
        }
        Map<String, Object> function = JsonFields.object(json, "function", "tool call " + id);
        return new ToolCall(id, JsonFields.string(function, "name", "tool call " + id + " function"),
                JsonFields.string(function, "arguments", "tool call " + id + " function"));
    }
}
