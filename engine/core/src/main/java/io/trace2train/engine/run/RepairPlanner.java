package io.trace2train.engine.run;

import io.trace2train.api.repair.ConstraintCheck;
import io.trace2train.api.repair.RepairKind;
import io.trace2train.api.repair.RepairStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders the strategies to try in one repair round, cheapest first: for the failing hard constraints in priority
 * order, the patches that handle each; then the model strategies (regenerate, then full), which address every
 * failure at once. The runner tries them in this order until one changes the output without breaking what held.
 */
public final class RepairPlanner {

    /** A strategy to try, and the targets it is asked to fix (its own first). */
    public record Step(RepairStrategy strategy, List<ConstraintCheck> targets) {
    }

    private final List<RepairStrategy> strategies;

    public RepairPlanner(List<RepairStrategy> strategies) {
        this.strategies = strategies.stream()
                .sorted(Comparator.comparing(RepairStrategy::kind).thenComparing(RepairStrategy::name)).toList();
    }

    /** The failing hard constraints of {@code checks} in repair order: priority, then position. */
    public static List<ConstraintCheck> targets(List<ConstraintCheck> checks) {
        return TaskConstraints.targets(checks);
    }

    /** @param targets the failing hard constraints in repair order (not empty) */
    public List<Step> plan(List<ConstraintCheck> targets) {
        Set<RepairStrategy> planned = new LinkedHashSet<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ConstraintCheck target = targets.get(i);
            for (RepairStrategy strategy : strategies) {
                if (strategy.kind() == RepairKind.PATCH && strategy.handles(target.constraint().verifier())
                        && planned.add(strategy)) {
                    steps.add(new Step(strategy, rotate(targets, i)));
                }
            }
        }
        for (RepairStrategy strategy : strategies) {
            if (strategy.kind() != RepairKind.PATCH && planned.add(strategy)) {
                steps.add(new Step(strategy, targets));
            }
        }
        return steps;
    }

    /** The targets with the i-th first, the others after it in their order. */
    private static List<ConstraintCheck> rotate(List<ConstraintCheck> targets, int first) {
        List<ConstraintCheck> rotated = new ArrayList<>(targets.size());
        rotated.add(targets.get(first));
        for (int i = 0; i < targets.size(); i++) {
            if (i != first) {
                rotated.add(targets.get(i));
            }
        }
        return rotated;
    }
}
