package io.trace2train.bench.ifeval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap interval for a mode's mean pass rate over seeds and prompts. Prompts are the sampling unit:
 * each resample draws prompt indices with replacement and keeps every seed's outcome on each drawn prompt, so the
 * interval reflects which prompts happened to be in the sample, not just the seeds' noise.
 */
public final class PromptBootstrap {

    /** The usual number of resamples. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    private PromptBootstrap() {
    }

    /** The 95% interval from {@value #DEFAULT_RESAMPLES} resamples. */
    public static Interval interval(boolean[][] passes, long seed) {
        return interval(passes, DEFAULT_RESAMPLES, seed);
    }

    /**
     * The 2.5th and 97.5th percentiles of the resampled mean pass rate of a {@code boolean[seed][prompt]} table, the
     * same for the same table, resample count and seed. Percentiles interpolate linearly between order statistics
     * (numpy's default), so a few resamples still give a defined answer.
     */
    public static Interval interval(boolean[][] passes, int resamples, long seed) {
        int prompts = Outcomes.promptCount(passes, "passes");
        if (resamples < 1) {
            throw new IllegalArgumentException("need at least one resample, got " + resamples);
        }
        // a prompt's passes summed over seeds: a resample's mean is then one integer sum, exact and fast
        int[] passedSeeds = new int[prompts];
        for (boolean[] row : passes) {
            for (int prompt = 0; prompt < prompts; prompt++) {
                passedSeeds[prompt] += row[prompt] ? 1 : 0;
            }
        }
        double cells = (double) passes.length * prompts;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            long passed = 0;
            for (int draw = 0; draw < prompts; draw++) {
                passed += passedSeeds[random.nextInt(prompts)];
            }
            means[r] = passed / cells;
        }
        Arrays.sort(means);
        return new Interval(percentile(means, 0.025), percentile(means, 0.975));
    }

    /** The {@code q} quantile of sorted values, interpolating between the two nearest order statistics. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double value = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        // interpolating between equal values may round a hair past them
        return Math.min(sorted[above], Math.max(sorted[below], value));
    }
}
