package io.trace2train.api.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The step of an episode that causes a failure: the message, and the tool call within it where one is to blame.
 *
 * @param message the index of the message in the episode
 * @param callId the tool call's id; null when the message as a whole is to blame
 * @param reason what is wrong there, e.g. {@code "unknown property 'foo'"}
 */
public record StepEvidence(int message, @JsonProperty("call_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        String callId, String reason) {

    public StepEvidence {
        requireNonNull(reason, "reason");
        if (message < 0) {
            throw new IllegalArgumentException("bad message index " + message);
        }
    }
}
