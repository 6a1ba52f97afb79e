package io.trace2train.api.repair;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.backend.ModelBackend;
import io.trace2train.api.task.TaskSpec;
import java.util.List;

/**
 * What a strategy is asked to repair.
 *
 * @param task the task (its original conversation and constraints)
 * @param output the current output
 * @param checks every constraint with its verdict on {@code output}
 * @param targets the failing hard constraints to fix, in priority order (the first is the planner's target)
 * @param backend the model, for strategies that generate
 * @param settings sampling settings for this repair, seed included
 */
public record RepairRequest(TaskSpec task, String output, List<ConstraintCheck> checks, List<ConstraintCheck> targets,
        ModelBackend backend, GenerationSettings settings) {

    public RepairRequest {
        requireNonNull(task, "task");
        requireNonNull(output, "output");
        checks = List.copyOf(checks);
        targets = List.copyOf(targets);
        requireNonNull(backend, "backend");
        requireNonNull(settings, "settings");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a repair needs at least one target");
        }
    }

    /** The constraints the current output fails. */
    public List<ConstraintCheck> failing() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The constraints the current output already meets. */
    public List<ConstraintCheck> passing() {
        return checks.stream().filter(ConstraintCheck::passed).toList();
    }
}
