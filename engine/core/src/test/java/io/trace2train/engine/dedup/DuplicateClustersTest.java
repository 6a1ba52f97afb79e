package io.trace2train.engine.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateClustersTest {

    @Test
    void aChainIsOneClusterThatKeepsItsFirstRowWhateverTheOrderOfThePairs() {
        // 1~5, 5~9 (1 and 9 not similar themselves), 3~4; 7 alone
        List<DuplicateClusters.Pair> pairs = new ArrayList<>(List.of(new DuplicateClusters.Pair(5, 9, 0.9),
                new DuplicateClusters.Pair(1, 5, 0.8), new DuplicateClusters.Pair(3, 4, 1.0),
                new DuplicateClusters.Pair(4, 9, 0.85)));
        List<DuplicateClusters.Removed> expected = List.of(new DuplicateClusters.Removed(3, 1, 4, 1.0),
                new DuplicateClusters.Removed(4, 1, 3, 1.0), new DuplicateClusters.Removed(5, 1, 9, 0.9),
                new DuplicateClusters.Removed(9, 1, 5, 0.9));
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(pairs, random);
            assertEquals(expected, DuplicateClusters.removed(pairs));
        }
        assertEquals(List.of(), DuplicateClusters.removed(List.of()));
    }

    @Test
    void aPairNamesTheEarlierRowFirst() {
        assertThrows(IllegalArgumentException.class, () -> new DuplicateClusters.Pair(4, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new DuplicateClusters.Pair(5, 4, 1));
    }

    @Test
    void aLongChainStaysCheap() {
        List<DuplicateClusters.Pair> pairs = new ArrayList<>();
        for (long i = 200_000; i > 0; i--) {
            pairs.add(new DuplicateClusters.Pair(i - 1, i, 0.9));
        }
        List<DuplicateClusters.Removed> removed = DuplicateClusters.removed(pairs);
        assertEquals(200_000, removed.size());
        assertEquals(0, removed.getLast().kept());
    }
}
