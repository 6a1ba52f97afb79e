package io.trace2train.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trace2train.api.env.Environment;
import io.trace2train.api.env.ToolCall;
import io.trace2train.api.env.ToolDefinition;
import io.trace2train.api.env.ToolResult;
import io.trace2train.engine.io.JsonLines;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Answers an episode's tool calls as a real tool runtime would: through the episode's own environment, which answers
 * an agent's mistakes itself (the replay of the episode then gives the same answers), or, without one, with an error
 * result: a call to a tool the task does not offer, arguments that are not a JSON object, and otherwise
 * {@value #NO_ENVIRONMENT}. Malformed calls are named either way, for the record's notes.
 */
final class ToolRuntime {

    static final String NO_ENVIRONMENT = "Error: no environment";

    private final Set<String> offered;
    private final @Nullable Environment environment;

    ToolRuntime(List<ToolDefinition> tools, @Nullable Environment environment) {
        this.offered = tools.stream().map(ToolDefinition::name).collect(Collectors.toUnmodifiableSet());
        this.environment = environment;
    }

    /** What is wrong with {@code call} as the agent made it, or null when it is well-formed. */
    @Nullable String malformed(ToolCall call) {
        if (!offered.contains(call.name())) {
            return "unknown tool '" + call.name() + "'";
        }
        try {
            JsonNode arguments = JsonLines.mapper().readTree(call.arguments());
            return arguments != null && arguments.isObject() ? null
                    : "arguments of " + call.name() + " are not a JSON object";
        } catch (JsonProcessingException e) {
            return "arguments of " + call.name() + " are not JSON: " + e.getOriginalMessage();
        }
    }

    ToolResult execute(ToolCall call) {
        if (environment != null) {
            return environment.execute(call);
        }
        String problem = malformed(call);
        return ToolResult.failed(problem == null ? NO_ENVIRONMENT : "Error: " + problem);
    }
}
