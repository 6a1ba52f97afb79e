package io.trace2train.bench.ifeval;

/** Checks on {@code boolean[seed][prompt]} pass tables: every seed judged the same prompts. */
final class Outcomes {

    private Outcomes() {
    }

    /** Returns the number of prompts; refuses a table with no seeds, no prompts or rows of unequal length. */
    static int promptCount(boolean[][] passes, String name) {
        if (passes == null || passes.length == 0) {
            throw new IllegalArgumentException(name + ": need at least one seed");
        }
        int prompts = -1;
        for (int seed = 0; seed < passes.length; seed++) {
            if (passes[seed] == null) {
                throw new IllegalArgumentException(name + ": seed " + seed + " has no outcomes");
            }
            if (prompts < 0) {
                prompts = passes[seed].length;
            } else if (passes[seed].length != prompts) {
                throw new IllegalArgumentException(name + ": seed " + seed + " has " + passes[seed].length
                        + " prompts, seed 0 has " + prompts);
            }
        }
        if (prompts == 0) {
            throw new IllegalArgumentException(name + ": need at least one prompt");
        }
        return prompts;
    }
}
