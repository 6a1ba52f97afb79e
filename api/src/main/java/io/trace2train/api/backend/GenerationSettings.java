package io.trace2train.api.backend;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a model is asked to generate. Recorded with every attempt exactly as sent.
 *
 * @param temperature 0 for greedy decoding
 * @param topP nucleus sampling mass, in (0, 1]
 * @param seed the sampling seed
 * @param maxNewTokens the most tokens to generate, not counting the prompt
 * @param stop sequences that end generation
 */
public record GenerationSettings(
        double temperature,
        @JsonProperty("top_p") double topP,
        long seed,
        @JsonProperty("max_new_tokens") int maxNewTokens,
        List<String> stop) {

    public GenerationSettings {
        stop = List.copyOf(requireNonNull(stop, "stop"));
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 or more, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max_new_tokens must be at least 1, got " + maxNewTokens);
        }
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(0.7, 0.95, 42, 512, List.of());
    }

    public GenerationSettings withSeed(long newSeed) {
        return new GenerationSettings(temperature, topP, newSeed, maxNewTokens, stop);
    }

    public GenerationSettings withTemperature(double newTemperature) {
        return new GenerationSettings(newTemperature, topP, seed, maxNewTokens, stop);
    }
}
