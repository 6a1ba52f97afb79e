package io.trace2train.bench.ifeval;

/**
 * A confidence interval for a pass rate, as fractions in [0, 1].
 *
 * @param low the lower bound
 * @param high the upper bound, at least {@code low}
 */
public record Interval(double low, double high) {

    public Interval {
        // NaN fails every comparison, so it is refused here too
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("need 0 <= low <= high <= 1, got [" + low + ", " + high + "]");
        }
    }
}
