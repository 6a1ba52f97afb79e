package io.trace2train.verifiers.ifeval;

import io.trace2train.api.verify.Relation;

/** Wording and arithmetic shared by the checks that compare a count with a {@link Relation}. */
public final class Counts {

    private Counts() {
    }

    /** "1 sentence", "7 sentences". */
    public static String noun(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /**
     * The most a response may have under {@code fewer than required}; 0 when nothing passes (required of 0 or
     * less).
     */
    public static long mostAllowed(long required) {
        return Math.max(0, required - 1);
    }
}
