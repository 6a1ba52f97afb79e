package io.trace2train.api.env;

import static java.util.Objects.requireNonNull;

/**
 * What a tool returned to the agent.
 *
 * @param content the text the agent sees in the {@code tool} message
 * @param error whether the call failed (unknown tool, bad arguments, a rule of the world broken); the content then
 *     says why, in the environment's own words (τ-bench: {@code "Error: ..."})
 */
public record ToolResult(String content, boolean error) {

    public ToolResult {
        requireNonNull(content, "content");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult failed(String content) {
        return new ToolResult(content, true);
    }
}
