package io.trace2train.api.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tokens a run spent.
 *
 * @param prompt prompt tokens over every model call
 * @param completion completion tokens over every model call
 * @param repair prompt and completion tokens of the calls made by retries and repairs (a part of the two above)
 */
@JsonIgnoreProperties(value = "total", allowGetters = true) // derived: written for readers, ignored when read back
public record TokenCost(int prompt, int completion, int repair) {

    public TokenCost {
        if (prompt < 0 || completion < 0 || repair < 0 || repair > prompt + completion) {
            throw new IllegalArgumentException("inconsistent token cost " + prompt + "/" + completion + "/" + repair);
        }
    }

    @JsonProperty("total")
    public int total() {
        return prompt + completion;
    }
}
