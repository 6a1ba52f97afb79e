package io.trace2train.engine.ifeval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How one response followed one prompt's instructions.
 *
 * @param prompt the prompt
 * @param response the response judged (empty when none was given)
 * @param followed one entry per instruction id
 */
public record PromptResult(IfevalPrompt prompt, String response, List<Boolean> followed) {

    public PromptResult {
        requireNonNull(prompt, "prompt");
        requireNonNull(response, "response");
        followed = List.copyOf(followed);
    }

    public boolean followsAll() {
        return !followed.contains(Boolean.FALSE);
    }
}
