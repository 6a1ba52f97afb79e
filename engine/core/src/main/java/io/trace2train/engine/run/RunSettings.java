package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;

/**
 * How every task of a run is run.
 *
 * @param mode direct, prompt_retry or full_pcl
 * @param generation the sampling settings; its seed is the run seed, from which each retry's seed is derived
 * @param maxRetries prompt_retry: retries after the first generation
 * @param maxRounds full_pcl: repair rounds after the first generation
 * @param backendRetries how often a retriable backend failure is retried (with backoff) before the task fails
 * @param budget what each episode of an agent task (one with tools) may use
 */
public record RunSettings(Mode mode, GenerationSettings generation, int maxRetries, int maxRounds, int backendRetries,
        AgentBudget budget) {

    public RunSettings {
        requireNonNull(mode, "mode");
        requireNonNull(generation, "generation");
        requireNonNull(budget, "budget");
        if (maxRetries < 0 || maxRounds < 0 || backendRetries < 0) {
            throw new IllegalArgumentException("retries and rounds must be 0 or more");
        }
    }

    /** Settings with the default {@link AgentBudget}. */
    public RunSettings(Mode mode, GenerationSettings generation, int maxRetries, int maxRounds, int backendRetries) {
        this(mode, generation, maxRetries, maxRounds, backendRetries, AgentBudget.DEFAULT);
    }

    /** The same settings with another agent budget. */
    public RunSettings withBudget(AgentBudget other) {
        return new RunSettings(mode, generation, maxRetries, maxRounds, backendRetries, other);
    }

    /** The same settings with other generation settings (a fork's seed and temperature). */
    public RunSettings withGeneration(GenerationSettings other) {
        return new RunSettings(mode, other, maxRetries, maxRounds, backendRetries, budget);
    }

    public static RunSettings of(Mode mode, GenerationSettings generation) {
        return new RunSettings(mode, generation, 3, 3, 2);
    }
}
