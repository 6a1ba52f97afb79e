package io.trace2train.api.task;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One constraint of a task: which verifier checks it, with what arguments, and how much it matters.
 *
 * @param verifier the verifier's instruction id, e.g. {@code "punctuation:no_comma"}
 * @param arguments the verifier's arguments (JSON-shaped values)
 * @param level hard (must pass) or soft (adds to the reward)
 * @param priority repair order among failing hard constraints: lower first
 * @param weight the constraint's share of the reward, greater than 0 and at most {@link #MAX_WEIGHT}
 */
public record ConstraintSpec(String verifier, @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> arguments,
        ConstraintLevel level, int priority, double weight) {

    /** The largest weight: weights are relative shares, and sums of larger ones could overflow to infinity. */
    public static final double MAX_WEIGHT = 1_000_000;

    public ConstraintSpec {
        requireNonNull(verifier, "verifier");
        requireNonNull(level, "level");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments")));
        if (!(weight > 0 && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("weight must be greater than 0 and at most " + (long) MAX_WEIGHT
                    + ", got " + weight);
        }
    }

    /** A hard constraint of weight 1. */
    public static ConstraintSpec hard(String verifier, Map<String, Object> arguments, int priority) {
        return new ConstraintSpec(verifier, arguments, ConstraintLevel.HARD, priority, 1.0);
    }
}
