package io.trace2train.api.backend;

/**
 * Told as each token of a generation is produced, so a benchmark can time decoding inside one generation (the first
 * token's latency, then the rate of the rest) instead of subtracting two generations' times.
 */
@FunctionalInterface
public interface TokenListener {

    /** Listens to nothing. */
    TokenListener NONE = () -> {
    };

    /** A token was generated (called on the generating thread, right after it was sampled). */
    void onToken();
}
