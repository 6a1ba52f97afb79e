package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    private static final double TOLERANCE = 1e-9;

    // scipy.stats.binomtest(k, n).proportion_ci(confidence_level, method="wilson"): bench/src/test/python
    @ParameterizedTest
    @CsvSource({
        "417, 541, 0.95, 0.733540462355176, 0.804230654832192",
        "0, 10, 0.95, 0.0, 0.27753279986288926",
        "10, 10, 0.95, 0.7224672001371109, 1.0",
        "1, 1, 0.95, 0.20654931437723745, 1.0",
        "431, 541, 0.99, 0.74863233657179, 0.8375246121404543",
        "5, 20, 0.90, 0.12737716852035774, 0.4322017501601245",
    })
    void matchesScipy(int successes, int trials, double confidence, double low, double high) {
        Interval interval = WilsonInterval.of(successes, trials, confidence);
        assertEquals(low, interval.low(), TOLERANCE);
        assertEquals(high, interval.high(), TOLERANCE);
    }

    @Test
    void defaultsTo95Percent() {
        assertEquals(WilsonInterval.of(417, 541, 0.95), WilsonInterval.of(417, 541));
    }

    @Test
    void noTrialsSayNothing() {
        assertEquals(new Interval(0, 1), WilsonInterval.of(0, 0));
    }

    @Test
    void higherConfidenceIsWider() {
        Interval narrow = WilsonInterval.of(417, 541, 0.90);
        Interval wide = WilsonInterval.of(417, 541, 0.99);
        assertTrue(wide.low() < narrow.low() && wide.high() > narrow.high());
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(5, 4));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 4, 1.0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 4, Double.NaN));
    }

    @Test
    void intervalRefusesBoundsOutOfOrderOrRange() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Interval(-0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.1, Double.NaN));
    }
}
