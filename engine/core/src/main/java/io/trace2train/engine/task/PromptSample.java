package io.trace2train.engine.task;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Which prompts of a dataset a benchmark runs: a fixed, reproducible sample. */
public final class PromptSample {

    private PromptSample() {
    }

    /**
     * The indices of {@code limit} of {@code size} prompts, in dataset order: a Fisher-Yates shuffle of all indices
     * with a {@link SplittableRandom} seeded by {@code seed}, then its first {@code limit}. The same size, limit and
     * seed give the same sample on every machine. A limit of 0, or one at least {@code size}, takes every prompt.
     */
    public static int[] indices(int size, int limit, long seed) {
        if (size < 0 || limit < 0) {
            throw new IllegalArgumentException("need a size and a limit of 0 or more, got " + size + " and " + limit);
        }
        if (limit == 0 || limit >= size) {
            return IntStream.range(0, size).toArray();
        }
        int[] order = IntStream.range(0, size).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] sample = Arrays.copyOf(order, limit);
        Arrays.sort(sample);
        return sample;
    }
}
