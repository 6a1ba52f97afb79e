package io.trace2train.bench.ifeval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The time one run (a mode on a seed) took, summed over the sessions that ran it (a resumed benchmark adds to it).
 *
 * @param wallNanos the run's wall time: from its first unit starting to its last one finishing
 * @param modelNanos time with at least one model call in flight
 * @param callNanos the model calls' latencies summed (above {@code modelNanos} when calls overlap)
 * @param calls model calls made (failed ones included; a batch of forks sharing a prompt counts once)
 * @param sessions sessions that ran some of it
 */
public record RunTiming(@JsonProperty("wall_ns") long wallNanos, @JsonProperty("model_ns") long modelNanos,
        @JsonProperty("model_call_ns") long callNanos, @JsonProperty("model_calls") long calls, int sessions) {

    public static final RunTiming NONE = new RunTiming(0, 0, 0, 0, 0);

    public RunTiming plus(RunTiming other) {
        return new RunTiming(wallNanos + other.wallNanos, modelNanos + other.modelNanos, callNanos + other.callNanos,
                calls + other.calls, sessions + other.sessions);
    }

    /** Wall time not spent waiting for the model: the engine's and the benchmark's own work. */
    public long overheadNanos() {
        return Math.max(0, wallNanos - modelNanos);
    }
}
