package io.trace2train.api.repair;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.task.ConstraintLevel;
import io.trace2train.api.task.ConstraintSpec;
import io.trace2train.api.verify.Verdict;

/**
 * A constraint of the task with its verdict on the current output.
 *
 * @param index the constraint's position in the task
 * @param constraint the constraint
 * @param verdict the verdict on the current output
 */
public record ConstraintCheck(int index, ConstraintSpec constraint, Verdict verdict) {

    public ConstraintCheck {
        requireNonNull(constraint, "constraint");
        requireNonNull(verdict, "verdict");
    }

    public boolean hard() {
        return constraint.level() == ConstraintLevel.HARD;
    }

    public boolean passed() {
        return verdict.passed();
    }
}
