package io.trace2train.engine.ifeval;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;

/**
 * How one response followed one prompt's instructions.
 *
 * @param prompt the prompt
 * @param response the response judged (empty when none was given)
 * @param followed one entry per instruction id
 * @param notCheckable one entry per instruction id: not followed because the check ran past its work budget
 */
public record PromptResult(IfevalPrompt prompt, String response, List<Boolean> followed, List<Boolean> notCheckable) {

    public PromptResult {
        requireNonNull(prompt, "prompt");
        requireNonNull(response, "response");
        followed = List.copyOf(followed);
        notCheckable = List.copyOf(notCheckable);
        if (notCheckable.size() != followed.size()) {
            throw new IllegalArgumentException("one not-checkable entry per instruction");
        }
    }

    /** A result in which every check decided. */
    public PromptResult(IfevalPrompt prompt, String response, List<Boolean> followed) {
        this(prompt, response, followed, Collections.nCopies(followed.size(), false));
    }

    /** Whether some instruction could not be checked. */
    public boolean anyNotCheckable() {
        return notCheckable.contains(Boolean.TRUE);
    }

    public boolean followsAll() {
        return !followed.contains(Boolean.FALSE);
    }
}
