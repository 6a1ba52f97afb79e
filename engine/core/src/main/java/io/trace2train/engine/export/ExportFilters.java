package io.trace2train.engine.export;

/**
 * Which rows an export keeps.
 *
 * @param passOnly only rows whose (chosen) completion passes every hard constraint
 * @param minReward only rows whose (chosen) completion has at least this reward; null for no minimum
 * @param maxPerTask rows per task at most, the best first; 0 for no cap
 * @param dedupe drop a row whose prompt and completion both match an earlier row's
 */
public record ExportFilters(boolean passOnly, Double minReward, int maxPerTask, boolean dedupe) {

    public ExportFilters {
        if (maxPerTask < 0) {
            throw new IllegalArgumentException("maxPerTask must be 0 (no cap) or more, got " + maxPerTask);
        }
        if (minReward != null && !Double.isFinite(minReward)) {
            throw new IllegalArgumentException("minReward must be a number, got " + minReward);
        }
    }

    public static ExportFilters none() {
        return new ExportFilters(false, null, 0, true);
    }
}
