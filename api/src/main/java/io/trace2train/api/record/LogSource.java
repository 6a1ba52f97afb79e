package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an imported episode came from, and the label its log already carried.
 *
 * @param format the log format, e.g. {@code "openai"} or {@code "tau-bench"}
 * @param file the log file's name
 * @param line the 1-based line (for a JSON array, the 1-based element) the episode was read from
 * @param loggedReward the reward the log itself recorded (τ-bench's), kept beside ours; null when it had none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogSource(String format, String file, long line, @JsonProperty("logged_reward") Double loggedReward) {

    public LogSource {
        requireNonNull(format, "format");
        requireNonNull(file, "file");
    }
}
