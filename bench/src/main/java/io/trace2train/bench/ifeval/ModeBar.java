package io.trace2train.bench.ifeval;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One mode's figures for {@link PassRateChart}, as fractions in [0, 1].
 *
 * @param mode the mode's name, e.g. {@code direct} or {@code rollouts:4}
 * @param rate the strict prompt-level pass rate
 * @param interval the confidence interval drawn as the error bar
 * @param byCategory the strict pass rate per instruction category (the id before ':'); a category a mode lacks gets
 *     no bar
 */
public record ModeBar(String mode, double rate, Interval interval, Map<String, Double> byCategory) {

    public ModeBar {
        requireNonNull(mode, "mode");
        requireNonNull(interval, "interval");
        requireRate(rate, mode);
        // copyOf refuses null keys and values; the chart orders categories itself
        byCategory = Map.copyOf(byCategory);
        byCategory.forEach((category, value) -> requireRate(value, mode + " / " + category));
    }

    private static void requireRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + ": a rate must lie in [0, 1], got " + rate);
        }
    }
}
