package io.trace2train.exporters.training.kto;

import java.util.Locale;

/**
 * TRL's check of KTO's label balance (KTOTrainer, after Eq. 8 of arXiv:2402.01306): with D desirable and U
 * undesirable rows, the desirable weight should lie in [U/D, 1.33 U/D] or the undesirable weight in
 * [D/(1.33 U), D/U]. Computed as TRL does (bounds rounded to two decimals), so the export warns exactly when the
 * trainer would with its default weights of 1.0.
 */
final class TrlKtoWeights {

    private TrlKtoWeights() {
    }

    static boolean inRange(long desirable, long undesirable) {
        double[] b = bounds(desirable, undesirable);
        return (b[0] <= 1.0 && 1.0 <= b[1]) || (b[2] <= 1.0 && 1.0 <= b[3]);
    }

    static String advice(long desirable, long undesirable) {
        double[] b = bounds(desirable, undesirable);
        return String.format(Locale.ROOT, "%d desirable vs %d undesirable rows: TRL's KTOTrainer warns with its"
                + " default weights; set EITHER desirable_weight in [%.2f, %.2f] OR undesirable_weight in [%.2f, %.2f]",
                desirable, undesirable, b[0], b[1], b[2], b[3]);
    }

    /** desirable weight low, high; undesirable weight low, high. */
    private static double[] bounds(long desirable, long undesirable) {
        double d = Math.max(desirable, 1);
        double u = Math.max(undesirable, 1);
        return new double[] {round(u / d), round(u / d * 1.33), round(d / u / 1.33), round(d / u)};
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
