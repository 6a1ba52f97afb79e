package io.trace2train.bench.ifeval;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** The Wilson score interval for a binomial proportion: sound near 0 and 1, where the normal approximation is not. */
public final class WilsonInterval {

    /** The usual confidence level. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private WilsonInterval() {
    }

    /** The 95% interval for {@code successes} of {@code trials}. */
    public static Interval of(int successes, int trials) {
        return of(successes, trials, DEFAULT_CONFIDENCE);
    }

    /**
     * The interval for {@code successes} of {@code trials} at {@code confidence} (in (0, 1)). No trials say nothing,
     * so they give the whole range [0, 1].
     */
    public static Interval of(int successes, int trials, double confidence) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        if (trials == 0) {
            return new Interval(0, 1);
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // at 0 or n successes a bound is exact in theory; rounding may step a hair outside [0, 1]
        return new Interval(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
    }
}
