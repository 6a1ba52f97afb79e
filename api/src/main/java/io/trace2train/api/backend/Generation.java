package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.env.ToolCall;
import java.util.List;

/**
 * What a model answered, with what it cost. Token counts are the backend's own (0 where it cannot know them, e.g. a
 * replayed answer).
 *
 * @param text the completion
 * @param promptTokens tokens of the prompt as the model saw it
 * @param completionTokens tokens generated
 * @param latencyMillis wall time of the call
 * @param toolCalls the tool calls the model made in this message, in order (several are parallel calls); empty for a
 *     plain answer. {@code text} may then be empty.
 */
public record Generation(String text, int promptTokens, int completionTokens, long latencyMillis,
        List<ToolCall> toolCalls) {

    public Generation {
        requireNonNull(text, "text");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (promptTokens < 0 || completionTokens < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("negative count in a generation");
        }
    }

    /** A plain answer: no tool calls. */
    public Generation(String text, int promptTokens, int completionTokens, long latencyMillis) {
        this(text, promptTokens, completionTokens, latencyMillis, List.of());
    }

    /** Whether the model called tools instead of (or besides) answering. */
    public boolean callsTools() {
        return !toolCalls.isEmpty();
    }
}
