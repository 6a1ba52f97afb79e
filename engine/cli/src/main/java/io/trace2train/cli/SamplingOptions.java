package io.trace2train.cli;

import io.trace2train.api.backend.GenerationSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How units are sampled, retried, repaired and run at once: shared by {@code run}, {@code rollouts} and benches. */
final class SamplingOptions {

    @Option(names = "--concurrency", defaultValue = "2", description = "Units run at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--temperature", defaultValue = "0.7", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus sampling mass (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--max-new-tokens", defaultValue = "512", description = "Tokens to generate at most (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "A stop sequence; repeatable.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--retries", defaultValue = "3", description = "prompt_retry: retries (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--rounds", defaultValue = "3", description = "full_pcl: repair rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** Adds these settings to a run's spec (the engine checks them, naming each). */
    void addTo(io.trace2train.engine.RunSpec.Builder spec) {
        spec.temperature(temperature).topP(topP).maxNewTokens(maxNewTokens).stop(stop).retries(retries)
                .rounds(rounds).concurrency(concurrency);
    }

    /** @throws UsageException for a value out of range */
    GenerationSettings generation(long seed) {
        if (retries < 0 || rounds < 0) {
            throw new UsageException("--retries and --rounds must be 0 or more, got " + retries + " and "
                    + rounds);
        }
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1, got " + concurrency);
        }
        return settings(temperature, topP, seed, maxNewTokens, stop);
    }

    /**
     * Sampling settings from the flags of the same names.
     *
     * @throws UsageException naming the flag of a value out of range
     */
    static GenerationSettings settings(double temperature, double topP, long seed, int maxNewTokens,
            List<String> stop) {
        try {
            return new GenerationSettings(temperature, topP, seed, maxNewTokens, stop);
        } catch (IllegalArgumentException e) {
            // the settings' own checks name the setting first ("top_p must be ...")
            throw new UsageException(e.getMessage().replace("top_p", "--top-p")
                    .replace("max_new_tokens", "--max-new-tokens").replace("temperature", "--temperature"), e);
        }
    }
}
