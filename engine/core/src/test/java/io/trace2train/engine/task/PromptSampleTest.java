package io.trace2train.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptSampleTest {

    @Test
    void aSeededSampleIsTheSameEveryTimeInDatasetOrderWithoutRepeats() {
        int[] sample = PromptSample.indices(541, 50, 42);
        assertArrayEquals(sample, PromptSample.indices(541, 50, 42));
        assertEquals(50, sample.length);
        assertEquals(50, Arrays.stream(sample).distinct().count());
        for (int i = 1; i < sample.length; i++) {
            assertTrue(sample[i - 1] < sample[i], "dataset order");
        }
        assertTrue(Arrays.stream(sample).allMatch(i -> i >= 0 && i < 541));
        assertFalse(Arrays.equals(sample, PromptSample.indices(541, 50, 43)), "another seed, another sample");
    }

    @Test
    void aLimitOfZeroOrAtLeastTheSizeTakesEveryPrompt() {
        int[] all = IntStream.range(0, 10).toArray();
        assertArrayEquals(all, PromptSample.indices(10, 0, 1));
        assertArrayEquals(all, PromptSample.indices(10, 10, 1));
        assertArrayEquals(all, PromptSample.indices(10, 99, 1));
        assertThrows(IllegalArgumentException.class, () -> PromptSample.indices(10, -1, 1));
    }

    @Test
    void aSmallerSampleIsNotAPrefixOfTheDatasetButOfTheShuffle() {
        int[] ten = PromptSample.indices(541, 10, 42);
        int[] twenty = PromptSample.indices(541, 20, 42);
        assertTrue(Arrays.stream(ten).allMatch(i -> Arrays.stream(twenty).anyMatch(j -> j == i)),
                "the first 10 of the shuffle are among its first 20");
        assertFalse(Arrays.equals(ten, IntStream.range(0, 10).toArray()));
    }
}
