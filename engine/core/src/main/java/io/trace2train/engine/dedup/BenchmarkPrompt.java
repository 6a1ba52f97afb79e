package io.trace2train.engine.dedup;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One prompt of a benchmark that training rows must not overlap.
 *
 * @param benchmark the benchmark's name ({@code ifeval}, {@code ifbench}, {@code tau-airline}, or a file's name)
 * @param key the prompt's key in its benchmark ({@code key}, {@code id}, or the line)
 * @param text the prompt's text
 */
public record BenchmarkPrompt(String benchmark, String key, String text) implements Serializable {

    private static final long serialVersionUID = 1L;

    public BenchmarkPrompt {
        requireNonNull(benchmark, "benchmark");
        requireNonNull(key, "key");
        requireNonNull(text, "text");
    }
}
