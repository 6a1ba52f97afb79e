package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

/**
 * One function call an agent made, as OpenAI-format agent logs hold it.
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
}
