package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedStatisticsTest {

    @Test
    void passRatesCountEachSeedsPrompts() {
        boolean[][] passes = {{true, true, false, false}, {true, true, true, false}, {false, false, false, false}};
        assertArrayEquals(new double[] {2 / 4.0, 3 / 4.0, 0}, SeedStatistics.passRates(passes));
    }

    @Test
    void meanAndSampleStandardDeviation() {
        double[] rates = {0.70, 0.75, 0.80, 0.77};
        double mean = (0.70 + 0.75 + 0.80 + 0.77) / 4;
        double squares = Math.pow(0.70 - mean, 2) + Math.pow(0.75 - mean, 2) + Math.pow(0.80 - mean, 2)
                + Math.pow(0.77 - mean, 2);
        assertEquals(mean, SeedStatistics.mean(rates), 1e-15);
        // divisor n - 1, as numpy.std(ddof=1) and statistics.stdev
        assertEquals(Math.sqrt(squares / 3), SeedStatistics.sampleStandardDeviation(rates).orElseThrow(), 1e-15);
    }

    @Test
    void oneSeedHasNoSpread() {
        assertTrue(SeedStatistics.sampleStandardDeviation(new double[] {0.7}).isEmpty());
        assertEquals(0.7, SeedStatistics.mean(new double[] {0.7}));
    }

    @Test
    void equalRatesHaveZeroSpread() {
        assertEquals(0.0, SeedStatistics.sampleStandardDeviation(new double[] {0.5, 0.5, 0.5}).orElseThrow());
    }

    @Test
    void refusesEmptyOrRaggedInput() {
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.mean(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.passRates(new boolean[0][]));
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.passRates(new boolean[][] {{}}));
        assertThrows(IllegalArgumentException.class,
                () -> SeedStatistics.passRates(new boolean[][] {{true, false}, {true}}));
    }
}
