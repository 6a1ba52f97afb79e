package io.trace2train.engine.run;

import static java.util.Objects.requireNonNull;

import io.trace2train.api.backend.GenerationSettings;
import io.trace2train.api.record.ForkInfo;
import io.trace2train.api.task.TaskSpec;

/**
 * One record's worth of work: a task of a plain run, or one fork of a task in a rollout, with the generation
 * settings it runs with (a fork's own seed and temperature).
 *
 * @param task the task
 * @param fork which fork, or null for a plain run
 * @param generation the settings of its first model call; later calls derive their seeds from this seed
 * @param branch where the forks of its agent task branch, shared by them; null where the unit runs its whole episode
 * @param batch the first generations of its task's forks (an agent task's: their first calls after the branch point),
 *     made together and shared by them; null where the unit makes its first generation alone
 */
public record WorkUnit(TaskSpec task, ForkInfo fork, GenerationSettings generation, BranchPoint branch,
        ForkBatch batch) {

    public WorkUnit {
        requireNonNull(task, "task");
        requireNonNull(generation, "generation");
    }

    /** A unit that runs its whole episode (or answer) itself. */
    public WorkUnit(TaskSpec task, ForkInfo fork, GenerationSettings generation) {
        this(task, fork, generation, null, null);
    }

    /** Identifies the unit in a run folder: the task id, or {@code id#fork} for a fork. */
    public String key() {
        return key(task.id(), fork == null ? null : fork.index());
    }

    public static String key(String taskId, Integer forkIndex) {
        return forkIndex == null ? taskId : taskId + "#" + forkIndex;
    }
}
