package io.trace2train.bench.ifeval;

/**
 * The exact McNemar test of a mode against {@code direct} on the same (seed, prompt) cells.
 *
 * @param modeOnly b: cells the mode passes and {@code direct} fails
 * @param directOnly c: cells {@code direct} passes and the mode fails
 * @param pValue the two-sided exact p-value, in [0, 1] (0 only where it underflows a double)
 */
public record McNemarResult(int modeOnly, int directOnly, double pValue) {

    public McNemarResult {
        if (modeOnly < 0 || directOnly < 0) {
            throw new IllegalArgumentException("discordant counts cannot be negative: " + modeOnly + ", " + directOnly);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value must lie in [0, 1], got " + pValue);
        }
    }
}
