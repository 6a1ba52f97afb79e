package io.trace2train.api.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a verifier judges: the final answer's text, or the whole agent episode (its calls, results and world). */
public enum ConstraintScope {
    /** The text of the final answer (a single answer, or an episode's last assistant message). */
    ANSWER,
    /** The whole episode: tool calls, tool results, what the agent told the user, the environment's final state. */
    EPISODE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
