package io.trace2train.api.backend;

/**
 * How one fork of a conversation is sampled: its own seed and temperature (a rollout's forks follow a temperature
 * schedule). Top-p, stop sequences and max new tokens are the request's, shared by the forks.
 *
 * @param seed the fork's sampling seed
 * @param temperature the fork's temperature, 0 for greedy decoding
 */
public record ForkSampling(long seed, double temperature) {

    public ForkSampling {
        if (temperature < 0 || Double.isNaN(temperature) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 or more, got " + temperature);
        }
    }

    /** The fork that samples as {@code settings} does. */
    public static ForkSampling of(GenerationSettings settings) {
        return new ForkSampling(settings.seed(), settings.temperature());
    }

    /** {@code settings} with this fork's seed and temperature. */
    public GenerationSettings applyTo(GenerationSettings settings) {
        return settings.withSeed(seed).withTemperature(temperature);
    }
}
