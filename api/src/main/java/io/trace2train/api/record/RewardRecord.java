package io.trace2train.api.record;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verifier's reward for a record's final output, as the reward function that gave it computed it.
 *
 * @param function the reward function's name
 * @param version its version
 * @param value the reward, higher is better
 * @param allHardPassed whether every hard constraint holds (rankers put these first whatever the value)
 * @param parts what the value is made of, by name (e.g. the weighted share of constraints met)
 */
public record RewardRecord(String function, String version, double value,
        @JsonProperty("all_hard_passed") boolean allHardPassed, Map<String, Double> parts) {

    public RewardRecord {
        requireNonNull(function, "function");
        requireNonNull(version, "version");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reward must be a finite number, got " + value);
        }
        parts = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(parts, "parts")));
    }
}
