package io.trace2train.engine.run;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeds of a task's model calls, derived from the run seed: call 0 uses the run seed itself (so a direct run with
 * seed S asks the model for seed S), and call k > 0 uses a SplittableRandom seeded from (run seed, task id, k), so
 * retries differ from each other, are the same on every re-run, and do not depend on which other tasks ran. Derived
 * seeds are non-negative 31-bit values: OpenAI-compatible endpoints take a 32-bit seed, and a seed a backend had to
 * alter would make the record's seed untrue.
 */
public final class SeedSequence {

    private final long runSeed;
    private final long taskSalt;

    public SeedSequence(long runSeed, String taskId) {
        this.runSeed = runSeed;
        long salt = 1125899906842597L;
        for (byte b : taskId.getBytes(StandardCharsets.UTF_8)) {
            salt = 31 * salt + b;
        }
        this.taskSalt = salt;
    }

    /**
     * The seed of fork {@code fork} of a task in a rollout: fork 0 uses the run seed (so it asks the model what a plain
     * run would), later forks a value derived from (run seed, task id, fork) apart from the retry seeds.
     */
    public static long forkSeed(long runSeed, String taskId, int fork) {
        return new SeedSequence(runSeed, "fork\u0000" + taskId).seed(fork);
    }

    /** The seed of the task's model call {@code call} (0-based). */
    public long seed(int call) {
        if (call == 0) {
            return runSeed;
        }
        return new SplittableRandom(runSeed ^ Long.rotateLeft(taskSalt, 17) ^ (call * 0x9E3779B97F4A7C15L)).nextInt()
                & Integer.MAX_VALUE;
    }
}
