package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

/**
 * What a model answered, with what it cost. Token counts are the backend's own (0 where it cannot know them, e.g. a
 * replayed answer).
 *
 * @param text the completion
 * @param promptTokens tokens of the prompt as the model saw it
 * @param completionTokens tokens generated
 * @param latencyMillis wall time of the call
 */
public record Generation(String text, int promptTokens, int completionTokens, long latencyMillis) {

    public Generation {
        requireNonNull(text, "text");
        if (promptTokens < 0 || completionTokens < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("negative count in a generation");
        }
    }
}
