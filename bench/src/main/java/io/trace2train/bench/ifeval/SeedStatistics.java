package io.trace2train.bench.ifeval;

import java.util.OptionalDouble;

/** Summaries of one mode's per-seed pass rates: how far a result moves from one seed to the next. */
public final class SeedStatistics {

    private SeedStatistics() {
    }

    /** The fraction of prompts passed, one entry per seed of a {@code boolean[seed][prompt]} table. */
    public static double[] passRates(boolean[][] passes) {
        int prompts = Outcomes.promptCount(passes, "passes");
        double[] rates = new double[passes.length];
        for (int seed = 0; seed < passes.length; seed++) {
            int passed = 0;
            for (boolean pass : passes[seed]) {
                passed += pass ? 1 : 0;
            }
            rates[seed] = (double) passed / prompts;
        }
        return rates;
    }

    /** The arithmetic mean of at least one value. */
    public static double mean(double[] values) {
        requireValues(values);
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /**
     * The sample standard deviation (divisor n - 1). Empty for a single value, where it is undefined: callers write
     * no spread rather than a made-up 0 or a NaN, which JSON cannot hold.
     */
    public static OptionalDouble sampleStandardDeviation(double[] values) {
        requireValues(values);
        if (values.length < 2) {
            return OptionalDouble.empty();
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return OptionalDouble.of(Math.sqrt(squares / (values.length - 1)));
    }

    private static void requireValues(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("need at least one value");
        }
    }
}
