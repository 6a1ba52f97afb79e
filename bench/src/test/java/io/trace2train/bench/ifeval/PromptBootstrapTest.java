package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptBootstrapTest {

    /** The table the reference script builds too: a fixed, uneven pattern of passes. */
    private static boolean[][] table(int seeds, int prompts) {
        boolean[][] passes = new boolean[seeds][prompts];
        for (int s = 0; s < seeds; s++) {
            for (int p = 0; p < prompts; p++) {
                passes[s][p] = (p * 7 + s * 3 + p * p) % 10 < 7;
            }
        }
        return passes;
    }

    // numpy.percentile over the same draws, from a Python SplittableRandom: bench/src/test/python
    @ParameterizedTest
    @CsvSource({
        "3, 541, 2000, 42, 0.7868145409735059, 0.8151571164510166",
        "1, 64, 1000, 7, 0.483984375, 0.71875",
        "4, 100, 10000, 2024, 0.625, 0.6725",
    })
    void matchesReferenceImplementation(int seeds, int prompts, int resamples, long seed, double low, double high) {
        Interval interval = PromptBootstrap.interval(table(seeds, prompts), resamples, seed);
        assertEquals(low, interval.low(), 1e-12);
        assertEquals(high, interval.high(), 1e-12);
    }

    @Test
    void sameSeedSameInterval() {
        boolean[][] passes = table(3, 200);
        assertEquals(PromptBootstrap.interval(passes, 11), PromptBootstrap.interval(passes, 11));
        assertNotEquals(PromptBootstrap.interval(passes, 11), PromptBootstrap.interval(passes, 12));
    }

    @Test
    void agreesWithTheNormalApproximationOnManyPrompts() {
        boolean[][] passes = table(4, 2000);
        double[] promptMeans = new double[2000];
        for (boolean[] row : passes) {
            for (int p = 0; p < promptMeans.length; p++) {
                promptMeans[p] += row[p] ? 1.0 / passes.length : 0;
            }
        }
        double mean = SeedStatistics.mean(promptMeans);
        double variance = 0;
        for (double m : promptMeans) {
            variance += (m - mean) * (m - mean) / promptMeans.length;
        }
        // the bootstrap mean of n prompts has variance (population variance of prompt means) / n
        double halfWidth = 1.959963984540054 * Math.sqrt(variance / promptMeans.length);
        Interval interval = PromptBootstrap.interval(passes, 5);
        assertEquals(mean - halfWidth, interval.low(), 0.1 * halfWidth);
        assertEquals(mean + halfWidth, interval.high(), 0.1 * halfWidth);
    }

    @Test
    void allPassOrAllFailHaveNoWidth() {
        assertEquals(new Interval(1, 1), PromptBootstrap.interval(new boolean[][] {{true, true}, {true, true}}, 100, 1));
        assertEquals(new Interval(0, 0), PromptBootstrap.interval(new boolean[][] {{false, false, false}}, 100, 1));
    }

    @Test
    void containsThePointEstimate() {
        boolean[][] passes = table(3, 300);
        double mean = SeedStatistics.mean(SeedStatistics.passRates(passes));
        Interval interval = PromptBootstrap.interval(passes, 3);
        assertTrue(interval.low() < mean && mean < interval.high(), interval + " around " + mean);
    }

    @Test
    void percentileInterpolatesLinearly() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1, PromptBootstrap.percentile(sorted, 0));
        assertEquals(2.5, PromptBootstrap.percentile(sorted, 0.5));
        assertEquals(4, PromptBootstrap.percentile(sorted, 1));
        assertEquals(7, PromptBootstrap.percentile(new double[] {7}, 0.975));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PromptBootstrap.interval(table(2, 5), 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PromptBootstrap.interval(new boolean[][] {{true}, {true, false}}, 1));
    }
}
