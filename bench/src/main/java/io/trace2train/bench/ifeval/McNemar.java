package io.trace2train.bench.ifeval;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact (binomial) McNemar test on paired pass/fail outcomes. Only discordant cells carry evidence: under the
 * null hypothesis that both modes pass equally often, each is equally likely to favour either mode.
 */
public final class McNemar {

    private McNemar() {
    }

    /**
     * Compares two {@code boolean[seed][prompt]} tables of the same shape, cell by cell: b = mode passes where
     * {@code direct} fails, c = the reverse, p = min(1, 2 P(X <= min(b, c))) with X ~ Binomial(b + c, 1/2); no
     * discordant cells give p = 1.
     */
    public static McNemarResult exactTest(boolean[][] mode, boolean[][] direct) {
        int prompts = Outcomes.promptCount(mode, "mode");
        if (Outcomes.promptCount(direct, "direct") != prompts || direct.length != mode.length) {
            throw new IllegalArgumentException("mode and direct must judge the same seeds and prompts: "
                    + mode.length + "x" + prompts + " against " + direct.length + "x" + direct[0].length);
        }
        int modeOnly = 0;
        int directOnly = 0;
        for (int seed = 0; seed < mode.length; seed++) {
            for (int prompt = 0; prompt < prompts; prompt++) {
                if (mode[seed][prompt] && !direct[seed][prompt]) {
                    modeOnly++;
                } else if (direct[seed][prompt] && !mode[seed][prompt]) {
                    directOnly++;
                }
            }
        }
        return new McNemarResult(modeOnly, directOnly, pValue(modeOnly, directOnly));
    }

    /** The two-sided exact p-value for b and c discordant cells. */
    public static double pValue(int modeOnly, int directOnly) {
        if (modeOnly < 0 || directOnly < 0) {
            throw new IllegalArgumentException("discordant counts cannot be negative: " + modeOnly + ", " + directOnly);
        }
        int discordant = modeOnly + directOnly;
        if (discordant == 0) {
            return 1;
        }
        double tail = BinomialDistribution.of(discordant, 0.5).cumulativeProbability(Math.min(modeOnly, directOnly));
        return Math.min(1, 2 * tail);
    }
}
