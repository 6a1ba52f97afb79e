package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

/**
 * A tool an agent may call: an OpenAI function definition.
 *
 * @param name the function's name
 * @param description what it does, for the model
 * @param parameters the JSON Schema of its arguments object, as JSON text (kept as text so that {@code api} needs no
 *     JSON library; the engine parses it once)
 */
public record ToolDefinition(String name, String description, String parameters) {

    public ToolDefinition {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(parameters, "parameters");
    }
}
