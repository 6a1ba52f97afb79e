package io.trace2train.bench.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McNemarTest {

    /**
     * Two seeds' tables with {@code b} mode-only and {@code c} direct-only cells among concordant ones, spread so
     * that both seeds hold some of each.
     */
    private static boolean[][][] pair(int b, int c) {
        int concordant = 7;
        int cells = b + c + 2 * concordant;
        int prompts = (cells + 1) / 2;
        boolean[][] mode = new boolean[2][prompts];
        boolean[][] direct = new boolean[2][prompts];
        for (int i = 0; i < cells; i++) {
            int seed = i % 2;
            int prompt = i / 2;
            if (i < b) {
                mode[seed][prompt] = true;
            } else if (i < b + c) {
                direct[seed][prompt] = true;
            } else if (i < b + c + concordant) {
                mode[seed][prompt] = true;
                direct[seed][prompt] = true;
            }
            // the rest fail in both; an odd cell count leaves one more such cell
        }
        return new boolean[][][] {mode, direct};
    }

    // scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue: bench/src/test/python
    @ParameterizedTest
    @CsvSource({
        "3, 12, 0.03515625",
        "0, 0, 1.0",
        "200, 260, 0.0058839224731039984",
        "5, 5, 1.0",
        "7, 3, 0.34375",
        "1, 0, 1.0",
    })
    void matchesScipy(int b, int c, double p) {
        boolean[][][] tables = pair(b, c);
        McNemarResult result = McNemar.exactTest(tables[0], tables[1]);
        assertEquals(b, result.modeOnly());
        assertEquals(c, result.directOnly());
        assertEquals(p, result.pValue(), 1e-9 * p);
        // swapping the modes swaps b and c and keeps p
        McNemarResult swapped = McNemar.exactTest(tables[1], tables[0]);
        assertEquals(new McNemarResult(c, b, result.pValue()), swapped);
    }

    @Test
    void identicalOutcomesGiveOne() {
        boolean[][] passes = {{true, false, true}, {false, false, true}};
        assertEquals(new McNemarResult(0, 0, 1.0), McNemar.exactTest(passes, passes));
    }

    @Test
    void refusesTablesOfDifferentShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> McNemar.exactTest(new boolean[][] {{true, false}}, new boolean[][] {{true}}));
        assertThrows(IllegalArgumentException.class,
                () -> McNemar.exactTest(new boolean[][] {{true}}, new boolean[][] {{true}, {false}}));
        assertThrows(IllegalArgumentException.class, () -> McNemar.pValue(-1, 2));
    }
}
